/**
 * The controller's side of leased CSV rows (lib/engine/row-ledger.ts): answers each agent's
 * request for a block over NATS request/reply. The lease's end is recorded (`record`) before the
 * rows go out, so a controller that takes the run over never leases them again; a request repeated
 * with the same `seq` (its reply was lost) gets the same rows, so a retry neither skips nor
 * doubles rows.
 */
import type { Msg, NatsConnection, Subscription } from "@nats-io/transport-node";
import type { RowLedger } from "../engine/row-ledger";
import { decode, encode, rowsWildcard, ZRowsRequest } from "./protocol";

export interface TServeRowLeasesOptions {
  nc: NatsConnection;
  runId: string;
  ledger: RowLedger;
  /** Agents still drawing (not done, not lost); a request from any other is not answered. */
  holders(): string[];
  /** Record "agent was leased up to `to`" durably; the rows are handed out once it resolves. */
  record?(agent: string, key: string, to: number): Promise<void>;
  log(message: string): void;
}

export function serveRowLeases(o: TServeRowLeasesOptions): Subscription {
  /** The latest answer per agent and data set, for a request repeated after a lost reply. */
  const answered = new Map<string, { seq: number; data: Promise<Uint8Array | null> }>();
  const lease = async (msg: Msg) => {
    const agent = msg.subject.split(".").at(-1)!;
    let req;
    try {
      req = decode(ZRowsRequest, msg.data);
    } catch (e) {
      return o.log(`bad rows request from ${agent}: ${(e as Error).message}`);
    }
    const holders = o.holders();
    if (!holders.includes(agent) || !o.ledger.has(req.key)) return;
    const { key, want, seq } = req;
    const slot = `${agent} ${key}`;
    const last = answered.get(slot);
    if (last && seq <= last.seq) {
      const data = seq === last.seq ? await last.data : null;
      if (data) msg.respond(data);
      return;
    }
    const block = o.ledger.lease(key, want, agent, holders);
    const data = (async () => {
      try {
        await o.record?.(agent, key, block.to);
      } catch (e) {
        // Not recorded: not handed out either. The agent asks again; these rows stay unused.
        o.log(`rows for ${agent} not recorded (${(e as Error).message})`);
        answered.delete(slot);
        return null;
      }
      return encode({ seq, rows: block.rows, done: block.done });
    })();
    answered.set(slot, { seq, data });
    const reply = await data;
    if (reply) msg.respond(reply);
  };
  return o.nc.subscribe(rowsWildcard(o.runId), { callback: (_e, msg) => void lease(msg) });
}
