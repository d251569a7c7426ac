"use client";

import { useEffect, useState } from "react";

/**
 * Longest wait for an idle moment before the children render anyway: a page that never goes idle
 * (the live view polling on a loaded machine) still gets them.
 */
const IDLE_TIMEOUT_MS = 1500;

/**
 * Renders `fallback` until the first idle moment after hydration, then `children`. For what the
 * first interaction does not need and that is costly to load: the charts (recharts, the largest
 * script of the run, report and share pages). A next/dynamic component alone starts loading while
 * the page hydrates, and its script then runs between hydration and the first click (on the run
 * page of a 200-label run the sort waited for it: test/measure-results-page.ts --scripts).
 */
export function AfterIdle({ children, fallback }: { children: React.ReactNode; fallback: React.ReactNode }) {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (typeof window.requestIdleCallback !== "function") {
      const timer = setTimeout(() => setIdle(true), 0);
      return () => clearTimeout(timer);
    }
    const id = window.requestIdleCallback(() => setIdle(true), { timeout: IDLE_TIMEOUT_MS });
    return () => window.cancelIdleCallback(id);
  }, []);
  return idle ? children : fallback;
}
