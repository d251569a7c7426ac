import { defineConfig } from "vitest/config";
import path from "node:path";

// Integration tests: a real PostgreSQL, a fresh database per test run (test/global-setup.ts).
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.int.test.ts", "app/**/*.int.test.ts", "test/**/*.int.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // check-api-answers: every route answer of the suite must match the API contract (docs/api.md).
    setupFiles: ["test/setup-db-env.ts", "test/check-api-answers.ts"],
    // One database for the run; files share it, so they run one at a time and truncate between tests.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
