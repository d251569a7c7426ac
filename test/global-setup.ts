import type { TestProject } from "vitest/node";
import { createTestDatabase } from "./test-database";

/**
 * Creates this run's own database (on DATABASE_URL's server when set, else an embedded PostgreSQL),
 * migrates it, hands its URL to the tests, and drops it at the end.
 */
export default async function setup(project: TestProject) {
  const db = await createTestDatabase("it");
  project.provide("databaseUrl", db.url);
  return async () => {
    await db.drop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
