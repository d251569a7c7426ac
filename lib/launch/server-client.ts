/**
 * The few REST calls `musterpoint launch` makes (docs/api.md), with the API token. A 4xx is the
 * caller's input (LaunchInputError: exit 2); anything else — unreachable server, 5xx — is
 * ServerError (exit 3). Every JSON answer is `{ data }` (docs/api.md): get / send return `data`.
 */

export class LaunchInputError extends Error {}
export class ServerError extends Error {}

export interface TServerClient {
  get<T>(path: string): Promise<T>;
  send<T>(method: "POST" | "PUT" | "PATCH", path: string, body: unknown): Promise<T>;
  url(path: string): string;
}

export function serverClient(server: string, token: string, fetchImpl: typeof fetch = fetch): TServerClient {
  const base = server.replace(/\/+$/, "");
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      throw new ServerError(
        `${method} ${base}${path}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`,
      );
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: reported below
    }
    if (!response.ok) {
      const e = (json ?? {}) as { error?: string; issues?: { path: string; message: string }[] };
      const issues = (e.issues ?? []).map((i) => `\n  ${i.path ? `${i.path}: ` : ""}${i.message}`).join("");
      const message = `${method} ${path}: ${response.status} ${e.error ?? (text.slice(0, 200) || response.statusText)}${issues}`;
      throw response.status >= 400 && response.status < 500 ? new LaunchInputError(message) : new ServerError(message);
    }
    if (json === null || typeof json !== "object" || !("data" in json)) {
      throw new ServerError(`${method} ${path}: the answer is not Musterpoint's JSON (is --server the Musterpoint address?)`);
    }
    return (json as { data: T }).data;
  };
  return {
    get: (path) => call("GET", path),
    send: (method, path, body) => call(method, path, body),
    url: (path) => `${base}${path}`,
  };
}
