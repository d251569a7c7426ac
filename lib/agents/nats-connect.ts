/**
 * Dial NATS from a URL. Authentication is NATS's own: `nats://user:pass@host:4222`,
 * `nats://token@host:4222`, `tls://…` (TLS), or a creds file (JWT + nkey seed).
 */
import { readFileSync } from "node:fs";
import { connect, credsAuthenticator, type NatsConnection } from "@nats-io/transport-node";

export interface TNatsConnectOptions {
  url: string;
  /** A `.creds` file (JWT + nkey seed). */
  credsFile?: string;
  name?: string;
}

export async function connectNats(o: TNatsConnectOptions): Promise<NatsConnection> {
  const url = new URL(o.url);
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  const server = `${url.protocol}//${url.host}`;
  return connect({
    servers: server,
    ...(user && pass ? { user, pass } : user ? { token: user } : {}),
    ...(url.protocol === "tls:" ? { tls: {} } : {}),
    ...(o.credsFile ? { authenticator: credsAuthenticator(new Uint8Array(readFileSync(o.credsFile))) } : {}),
    ...(o.name ? { name: o.name } : {}),
    // Keep trying: an agent outlives NATS restarts.
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
}
