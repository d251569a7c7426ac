"use client";

import { useState } from "react";

/**
 * Pending and error state of a form that posts and then leaves the page. `handle(send)` makes the
 * submit handler: `send` gets the form's data and resolves to an error text, or to null when it is
 * navigating away (the button then stays pending); a throw shows `fallbackError`.
 */
export function useFormSubmit(fallbackError: string) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const handle = (send: (form: FormData) => Promise<string | null>) => async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const message = await send(form).catch(() => fallbackError);
    if (message === null) return;
    setError(message);
    setPending(false);
  };

  return { error, pending, handle };
}
