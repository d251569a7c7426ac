// Bench target: plain node:http on loopback, port 0 (printed as the first stdout line).
//   /fast → 200 "ok"     /delay/<ms> → 200 "ok" after ms
import http from "node:http";

const server = http.createServer((req, res) => {
  const url = req.url ?? "/";
  const send = () => {
    res.writeHead(200, { "content-type": "text/plain", "content-length": 2 });
    res.end("ok");
  };
  if (url.startsWith("/delay/")) setTimeout(send, Number(url.slice(7)));
  else send();
  req.resume();
});
server.keepAliveTimeout = 120_000;
server.headersTimeout = 130_000;
server.requestTimeout = 0;
// A deep accept backlog: 10,000 VUs connect within seconds (the default 511 drops SYNs → 1–15 s retries).
server.listen({ port: 0, host: "127.0.0.1", backlog: 65535 }, () => console.log(server.address().port));
process.on("SIGTERM", () => process.exit(0));
