import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

/** Folders whose code runs as Node programs of their own: relative imports only (see below). */
const STANDALONE = ["lib/engine", "lib/agents", "lib/launch", "lib/jmeter", "lib/run-metrics", "lib/worker", "lib/db", "lib/security"];
const CROSS_FOLDER = { regex: "^\\.\\./", message: "Across folders, import with @/… (one import style: ./ within a folder)." };

/**
 * Client components ("use client" files) ship to the browser: from lib they may take types, schemas
 * and pure helpers, never the database, Node built-ins or an operation (one verb-noun file per
 * operation, docs/architecture.md), which reach PostgreSQL.
 */
const OPERATION =
  /^@\/lib\/(?!engine\/|i18n\/|time\/)[\w-]+\/(get|find|create|update|delete|cancel|enqueue|add|remove|record|revoke|resolve|mark|ensure|import|export|load|write|rollup|set|claim|finalize|launch|reset|start|stop|send|deliver|register|rotate|verify)-[\w-]+$/;
const clientImports = {
  meta: {
    type: "problem",
    schema: [],
    messages: { server: "A client component imports {{what}} from lib: the browser gets types, schemas and pure helpers only." },
  },
  create(context) {
    const body = context.sourceCode.ast.body;
    const isClient = body.some((n) => n.type === "ExpressionStatement" && n.directive === "use client");
    if (!isClient) return {};
    return {
      ImportDeclaration(node) {
        if (node.importKind === "type" || node.specifiers.every((x) => x.importKind === "type")) return;
        const from = String(node.source.value);
        const what = /^@\/lib\/db(\/|$)|^@prisma\/|^pg$/.test(from)
          ? "the database"
          : /^node:/.test(from)
            ? "a Node built-in"
            : OPERATION.test(from)
              ? "an operation"
              : null;
        if (what) context.report({ node, messageId: "server", data: { what } });
      },
    };
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTypeScript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Layering (docs/architecture.md): the engine imports nothing of ours and nothing of the web
  // stack, so the CLI, the worker's threads and agents can run it alone; pages and routes reach the
  // database only through lib/<domain> operations.
  ...[1, 2, 3].map((depth) => ({
    files: [`lib/engine/${"*/".repeat(depth - 1)}*.ts`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: `^(\\.\\./){${depth}}`, message: "lib/engine imports nothing outside lib/engine." },
            { regex: "^@/", message: "lib/engine imports nothing outside lib/engine." },
            {
              regex: "^(next|react|react-dom|server-only|@prisma/.*|pg)(/.*)?$",
              message: "lib/engine stays pure: no web stack, no database.",
            },
          ],
        },
      ],
    },
  })),
  // One import style: `@/…` across folders, `./…` within one. Folders that run as Node programs of
  // their own (the CLIs, agents, the worker and its threads) import relatively instead: they start
  // from any working directory, where the `@/` alias is not resolved.
  {
    files: ["**/*.ts", "**/*.tsx"],
    ignores: [...STANDALONE.map((d) => `${d}/**`), "scripts/**", "bin/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [CROSS_FOLDER] }] },
  },
  {
    files: STANDALONE.filter((d) => d !== "lib/engine").flatMap((d) => [`${d}/**/*.ts`, `${d}/**/*.tsx`]),
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@/",
              message:
                "This folder runs as a standalone Node program (CLI, agent, worker threads) from any directory, where @/ does not resolve: import relatively.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.tsx", "app/**/*.ts"],
    plugins: { musterpoint: { rules: { "client-imports": clientImports } } },
    rules: { "musterpoint/client-imports": "error" },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    ignores: ["app/**/*.test.ts", "app/**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            CROSS_FOLDER,
            { regex: "(^@/lib/db|/lib/db)(/|$)", message: "app reaches the database only through lib/<domain> operations." },
          ],
        },
      ],
    },
  },
  // Configuration in one place: lib/env.ts reads and checks the environment. Entry points that are
  // programs of their own (the CLIs) and test helpers read theirs directly.
  {
    files: ["lib/**/*.ts", "app/**/*.ts", "app/**/*.tsx", "proxy.ts"],
    ignores: ["lib/env.ts", "lib/engine/cli.ts", "lib/**/*-cli.ts", "**/*.test.ts", "**/testing/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read configuration through getEnv() in lib/env.ts (and document it in docs/operations.md).",
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "lib/db/generated/**",
    "e2e/output/**",
    "test-results/**",
    "playwright-report/**",
    ".musterpoint/**",
    "dist/**",
    "bench/output/**",
  ]),
]);
