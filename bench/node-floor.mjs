// The Node floor: what one request costs Node itself on this machine, with nothing a load tool
// adds: N keep-alive sockets each writing a fixed request and writing the next one when any bytes
// come back (no parsing, no timing, no recording; the /fast response arrives in one read). No
// generator written in Node can do better; the bench prints the engine's CPU per request beside it.
//   node bench/node-floor.mjs <port> <connections> <seconds>   → one JSON line
import net from "node:net";

const [port, connections, seconds] = process.argv.slice(2).map(Number);
const request = Buffer.from(`GET /fast HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n\r\n`, "latin1");
const endAt = Date.now() + seconds * 1000;
let requests = 0;
let measured = 0;
let cpu0 = null;
for (let i = 0; i < connections; i++) {
  const socket = net.connect({ port, host: "127.0.0.1", noDelay: true });
  socket.on("connect", () => socket.write(request));
  socket.on("data", () => {
    requests++;
    if (cpu0 !== null) measured++;
    if (Date.now() < endAt) socket.write(request);
    else socket.destroy();
  });
  socket.on("error", () => {});
}
// The first second is warm-up (connections, JIT); CPU and requests are counted after it.
const t1 = setTimeout(() => (cpu0 = process.cpuUsage()), 1000);
setTimeout(() => {
  clearTimeout(t1);
  const c = process.cpuUsage(cpu0 ?? undefined);
  console.log(JSON.stringify({ requests, rps: measured / (seconds - 1), steadyCpuUsPerReq: measured ? (c.user + c.system) / measured : null }));
  process.exit(0);
}, seconds * 1000 + 100);
