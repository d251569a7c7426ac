// Prisma CLI adapter for migration authoring: an in-memory PGlite (no engine download, no server).
// pglite-prisma-adapter sends executeRaw through the extended protocol, which refuses scripts of
// several statements; route parameterless executeRaw through PGlite.exec() (simple protocol).
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

type Query = { sql: string; args: unknown[] };
type Adapter = { executeRaw(q: Query): Promise<number>; client: PGlite };

function patch<T>(adapter: T): T {
  const a = adapter as unknown as Adapter;
  const original = a.executeRaw.bind(a);
  a.executeRaw = async (q: Query) => {
    if (q.args.length > 0) return original(q);
    await a.client.exec(q.sql);
    return 0;
  };
  return adapter;
}

class PatchedPGlite extends PrismaPGlite {
  override async connect() {
    return patch(await super.connect());
  }
  override async connectToShadowDb() {
    return patch(await super.connectToShadowDb());
  }
}

export function createPgliteAdapter() {
  return new PatchedPGlite(new PGlite({ dataDir: "memory://main" }));
}
