// The Node floor: what one request costs Node itself on this machine, with nothing a load tool
// adds: N keep-alive sockets each writing a fixed request and writing the next one when any bytes
// come back (no parsing, no timing, no recording; the /fast response arrives in one read). No
// generator written in Node can do better; the bench prints the engine's CPU per request beside it.
//   node bench/node-floor.mjs <port> <connections> <seconds>   → one JSON line
//   node bench/node-floor.mjs skew <port> <vus> <releases>      → one JSON line
// The skew floor: <vus> connected sockets, each awaiting one shared promise (as released VUs
// await the rendezvous); resolving it, each writes a fixed request. Skew = resolve → the last
// socket about to write (the engine's skew also ends at the last request's start). Per release,
// every socket first gets its previous answer, as the engine's VUs do.
import net from "node:net";

if (process.argv[2] === "skew") {
  await skewFloor(...process.argv.slice(3).map(Number));
  process.exit(0);
}

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
setTimeout(
  () => {
    clearTimeout(t1);
    const c = process.cpuUsage(cpu0 ?? undefined);
    console.log(
      JSON.stringify({ requests, rps: measured / (seconds - 1), steadyCpuUsPerReq: measured ? (c.user + c.system) / measured : null }),
    );
    process.exit(0);
  },
  seconds * 1000 + 100,
);

async function skewFloor(port, vus, releases) {
  const request = Buffer.from(`GET /fast HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n\r\n`, "latin1");
  const sockets = [];
  let waiting = 0;
  let answered = () => {};
  for (let i = 0; i < vus; i++) {
    const socket = net.connect({ port, host: "127.0.0.1", noDelay: true });
    socket.on("data", () => {
      if (--waiting === 0) answered();
    });
    socket.on("error", () => {});
    await new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    sockets.push(socket);
  }
  const skews = [];
  for (let r = 0; r < releases; r++) {
    const allAnswered = new Promise((resolve) => (answered = resolve));
    waiting = vus;
    let release;
    const gate = new Promise((resolve) => (release = resolve));
    let lastStart = 0;
    for (const socket of sockets)
      void gate.then(() => {
        lastStart = performance.now();
        socket.write(request);
      });
    const releasedAt = performance.now();
    release();
    await allAnswered;
    skews.push(lastStart - releasedAt);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  console.log(JSON.stringify({ vus, skewMs: skews }));
  for (const socket of sockets) socket.destroy();
}
