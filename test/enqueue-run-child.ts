// Used by test/stop-signals.int.test.ts: creates a module and a scenario aimed at the target in
// argv[2] and enqueues a run of it, in the database of DATABASE_URL (the started app's own).
// Prints the run id. A separate process because the test process's Prisma client is bound to the
// integration tests' database.
const targetUrl = process.argv[2]!;
const { prisma } = await import("@/lib/db/client");
const { createScenario } = await import("@/lib/scenarios/create-scenario");
const { enqueueRun } = await import("@/lib/runs/enqueue-run");
const mod = await prisma.module.create({ data: { name: `stop-${Date.now()}` } });
const { id } = await createScenario({
  moduleId: mod.id,
  definition: {
    name: "long run",
    baseUrl: targetUrl,
    load: { vus: 2, durationSeconds: 600 },
    steps: [{ request: { method: "GET", path: "/fast" } }, { think: { seconds: 0.05 } }],
  },
});
const run = await enqueueRun({ scenarioIds: [id] });
console.log(run.id);
await prisma.$disconnect();
export {};
