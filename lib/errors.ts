/** Error codes the app maps to HTTP statuses and messages (documenso's AppError pattern). */
export const AppErrorCode = {
  NOT_FOUND: "NOT_FOUND",
  ALREADY_EXISTS: "ALREADY_EXISTS",
  INVALID_INPUT: "INVALID_INPUT",
  CONFLICT: "CONFLICT",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
} as const;

export type TAppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

const STATUS: Record<TAppErrorCode, number> = {
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  PAYLOAD_TOO_LARGE: 413,
};

export interface TFieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: TAppErrorCode;
  readonly issues: TFieldIssue[];

  constructor(code: TAppErrorCode, message: string, issues: TFieldIssue[] = []) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.issues = issues;
  }

  get status(): number {
    return STATUS[this.code];
  }

  static is(error: unknown, code?: TAppErrorCode): error is AppError {
    return error instanceof AppError && (code === undefined || error.code === code);
  }
}

/** zod issues → field issues with dotted paths. */
export function toFieldIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): TFieldIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}
