export interface TRunContext {
  params: Promise<{ runId: string }>;
}
