// Serve the scripted test target on a fixed loopback port, e.g. for the README example:
//   node --import tsx lib/engine/testing/serve-target.ts 18080
import { startTarget } from "./target";

const port = Number(process.argv[2] ?? 18080);
const t = await startTarget({ keepLog: false, port });
console.log(`target on ${t.url}`);
