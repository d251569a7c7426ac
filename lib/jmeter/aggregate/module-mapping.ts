/**
 * Which module a sample belongs to. JMeter files carry no module, so the user picks a rule:
 * the thread group (threadName "Vote_Interface_Test 1-23" → "Vote_Interface_Test"), label rules
 * (first matching regex wins), or one module for the whole file.
 */
export type TModuleMapping =
  | { by: "threadGroup"; fallback?: string }
  | { by: "label"; rules: { pattern: string; module: string }[]; fallback?: string }
  | { by: "fixed"; module: string };

export const DEFAULT_MODULE = "jmeter";

/** JMeter names threads "<thread group> <group number>-<thread number>". */
const THREAD_SUFFIX = /\s+\d+-\d+$/;

export function threadGroupOf(threadName: string): string {
  return threadName.replace(THREAD_SUFFIX, "");
}

/** A memoising sample → module function (thread names and labels repeat). */
export function createModuleResolver(mapping: TModuleMapping): (label: string, threadName: string) => string {
  if (mapping.by === "fixed") {
    const m = mapping.module;
    return () => m;
  }
  const cache = new Map<string, string>();
  if (mapping.by === "threadGroup") {
    const fallback = mapping.fallback ?? DEFAULT_MODULE;
    return (_label, threadName) => {
      let m = cache.get(threadName);
      if (m === undefined) {
        m = threadGroupOf(threadName).trim() || fallback;
        cache.set(threadName, m);
      }
      return m;
    };
  }
  const rules = mapping.rules.map((r) => ({ re: new RegExp(r.pattern), module: r.module }));
  const fallback = mapping.fallback ?? DEFAULT_MODULE;
  return (label) => {
    let m = cache.get(label);
    if (m === undefined) {
      m = rules.find((r) => r.re.test(label))?.module ?? fallback;
      cache.set(label, m);
    }
    return m;
  };
}
