"use client";

import { useState } from "react";

type TResult<R> = { data: R } | { error: string };

const asError = (error: unknown): { error: string } => ({ error: error instanceof Error ? error.message : String(error) });

/**
 * State of an admin or account list: its rows, the last error and whether the create form is
 * being sent. `create` sends the form and clears it on success; `call` is for a row's buttons.
 * A server action that throws (network down, the proxy refused it) shows its message, as an answer.
 */
export function useListPanel<T>(initial: T[]) {
  const [items, setItems] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function create<R>(
    event: React.FormEvent<HTMLFormElement>,
    send: (form: FormData) => Promise<TResult<R>>,
    onData: (data: R) => void,
  ) {
    event.preventDefault();
    const formElement = event.currentTarget;
    setPending(true);
    setError(null);
    const result = await send(new FormData(formElement)).catch(asError);
    setPending(false);
    if ("error" in result) return setError(result.error);
    onData(result.data);
    formElement.reset();
  }

  async function call<R>(request: Promise<TResult<R>>, onData: (data: R) => void) {
    setError(null);
    const result = await request.catch(asError);
    if ("error" in result) return setError(result.error);
    onData(result.data);
  }

  return { items, setItems, error, setError, pending, setPending, create, call };
}
