/** fetch for the admin and account screens: JSON in, `{ data } | { error }` out, never throws. */
export async function jsonFetch<T>(url: string, method: string, body?: unknown): Promise<{ data: T } | { error: string }> {
  try {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as { data?: T; error?: string };
    if (!res.ok) return { error: json.error ?? `HTTP ${res.status}` };
    return { data: json.data as T };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
