/** Transport failures (node:net, DNS, undici codes) → the engine's error kinds. */
import type { TErrorKind } from "./metrics/types";

/** Map a transport error to an error kind (ECONNREFUSED → connection_refused, …). */
export function classifyError(error: unknown): { kind: TErrorKind; message: string } {
  const e = error as NodeJS.ErrnoException & { code?: string };
  const code = e?.code ?? "";
  const message = `${code ? `${code}: ` : ""}${e?.message ?? String(error)}`;
  switch (code) {
    case "ECONNREFUSED":
      return { kind: "connection_refused", message };
    case "ECONNRESET":
    case "EPIPE":
    case "ECONNABORTED":
    case "UND_ERR_SOCKET":
    case "UND_ERR_CLOSED":
      return { kind: "connection_reset", message };
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
    case "ETIMEDOUT":
    case "MP_CONNECT_TIMEOUT":
      return { kind: "timeout", message };
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_NONAME":
    case "EAI_FAIL":
      return { kind: "dns", message };
    default:
      return { kind: "other", message };
  }
}
