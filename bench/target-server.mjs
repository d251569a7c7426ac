// Bench target on loopback, port 0 (printed as the first stdout line):
//   /fast → 200 "ok"     /delay/<ms> → 200 "ok" after ms     anything else → 404
//
// A minimal HTTP/1.1 responder on raw TCP rather than node:http: with node:http the target's own
// parsing was the bottleneck (≈ 25–35k req/s on one core), so every generator was capped at the
// target's rate and the ratios said nothing about the generators. This one answers several times
// faster, so a generator's req/s is its own. Requests are read by their framing (head, then a
// Content-Length body); responses go out in request order; keep-alive unless the client says close.
import net from "node:net";

const OK = Buffer.from("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok", "latin1");
const NOT_FOUND = Buffer.from("HTTP/1.1 404 Not Found\r\ncontent-type: text/plain\r\ncontent-length: 9\r\n\r\nnot found", "latin1");
const BAD = Buffer.from("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n", "latin1");
const HEAD_END = Buffer.from("\r\n\r\n", "latin1");

const server = net.createServer({ noDelay: true }, (socket) => {
  let pending = null; // bytes of an incomplete request
  let bodyLeft = 0; // body bytes of the current request still to skip
  let queue = 0; // responses owed but not yet written (a /delay in front holds back later ones)
  const owed = [];
  let closeAfter = false;

  const respond = (buf, delayMs) => {
    if (delayMs === 0 && queue === 0) {
      socket.write(buf);
      if (closeAfter) socket.end();
      return;
    }
    const slot = { buf: null };
    owed.push(slot);
    queue++;
    setTimeout(() => {
      slot.buf = buf;
      while (owed.length > 0 && owed[0].buf !== null) {
        socket.write(owed.shift().buf);
        queue--;
      }
      if (queue === 0 && closeAfter) socket.end();
    }, delayMs);
  };

  socket.on("data", (chunk) => {
    let buf = pending ? Buffer.concat([pending, chunk]) : chunk;
    pending = null;
    let pos = 0;
    while (pos < buf.length) {
      if (bodyLeft > 0) {
        const n = Math.min(bodyLeft, buf.length - pos);
        bodyLeft -= n;
        pos += n;
        continue;
      }
      const end = buf.indexOf(HEAD_END, pos);
      if (end < 0) {
        pending = buf.subarray(pos);
        if (pending.length > 65536) socket.end(BAD);
        return;
      }
      const head = buf.toString("latin1", pos, end);
      pos = end + 4;
      const sp1 = head.indexOf(" ");
      const sp2 = head.indexOf(" ", sp1 + 1);
      if (sp1 < 0 || sp2 < 0) {
        socket.end(BAD);
        return;
      }
      const url = head.slice(sp1 + 1, sp2);
      const lower = head.toLowerCase();
      const cl = /\r\ncontent-length:\s*(\d+)/.exec(lower);
      if (cl) bodyLeft = Number(cl[1]);
      if (lower.includes("\r\nconnection: close")) closeAfter = true;
      if (url === "/fast") respond(OK, 0);
      else if (url.startsWith("/delay/")) respond(OK, Number(url.slice(7)) || 0);
      else respond(NOT_FOUND, 0);
    }
  });
  socket.on("error", () => {});
});
// A deep accept backlog: 10,000 VUs connect within seconds (the default 511 drops SYNs → 1–15 s retries).
server.listen({ port: 0, host: "127.0.0.1", backlog: 65535 }, () => console.log(server.address().port));
process.on("SIGTERM", () => process.exit(0));
