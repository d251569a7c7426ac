// `http:` origins on the engine's own HTTP/1.1 client (h1/lane.ts): one connection per VU lane.
import type { Socket } from "node:net";
import { H1Lane, type TLaneHost } from "./h1/lane";
import type { HttpAgent } from "./http";

/** A plain-http origin of the native client: one H1Lane (connection) per VU lane. */
export class NativeOrigin implements TLaneHost {
  private readonly lanes = new Map<number, H1Lane>();

  constructor(
    private readonly agent: HttpAgent,
    private readonly hostname: string,
    private readonly port: number,
    readonly hostHeader: string,
  ) {}

  lane(id: number): H1Lane {
    let l = this.lanes.get(id);
    if (!l) {
      l = new H1Lane(this);
      this.lanes.set(id, l);
    }
    return l;
  }

  connect(callback: (error: Error | null, socket: Socket | null) => void): void {
    this.agent.openTcp(this.hostname, this.port, callback);
  }

  track(lane: H1Lane, inFlight: boolean): void {
    this.agent.trackLane(lane, inFlight);
  }

  close(): void {
    for (const l of this.lanes.values()) l.close();
  }

  destroy(): void {
    for (const l of this.lanes.values()) l.destroy();
    this.lanes.clear();
  }
}
