"use client";

import { useState, useTransition } from "react";

/**
 * Pending and error state around one async task (a server action): `run` starts it in a
 * transition, and the text it resolves to, if any, becomes the error.
 */
export function usePendingError() {
  const [error, setError] = useState<string>();
  const [isPending, startTransition] = useTransition();
  const run = (task: () => Promise<string | undefined>) =>
    startTransition(async () => {
      const message = await task();
      if (message !== undefined) setError(message);
    });
  return { error, setError, isPending, run };
}
