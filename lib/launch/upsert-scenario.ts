/**
 * Creates or updates one scenario on the server by its module and name: the module is created if
 * it does not exist, a scenario of that name in it is replaced (PUT), else created (POST).
 */
import { scenarioModule, type TScenario } from "../engine/scenario";
import { LaunchInputError, type TServerClient } from "./server-client";

export async function upsertScenario(
  client: TServerClient,
  doc: TScenario,
): Promise<{ id: string; version: number; created: boolean; moduleName: string }> {
  const moduleName = scenarioModule(doc);
  const moduleId = await ensureModule(client, moduleName);
  const q = new URLSearchParams({ moduleId, q: doc.name, take: "500" });
  const scenarios = await client.get<{ id: string; name: string }[]>(`/api/scenarios?${q}`);
  const existing = scenarios.find((s) => s.name === doc.name);
  const body = { moduleId, definition: { ...doc, module: moduleName } };
  const saved = existing
    ? await client.send<{ id: string; version: number }>("PUT", `/api/scenarios/${encodeURIComponent(existing.id)}`, body)
    : await client.send<{ id: string; version: number }>("POST", "/api/scenarios", body);
  return { id: saved.id, version: saved.version, created: !existing, moduleName };
}

async function ensureModule(client: TServerClient, name: string): Promise<string> {
  const find = async () => (await client.get<{ id: string; name: string }[]>("/api/modules")).find((m) => m.name === name)?.id;
  const found = await find();
  if (found) return found;
  try {
    return (await client.send<{ id: string }>("POST", "/api/modules", { name })).id;
  } catch (error) {
    // Created by a parallel job between the look-up and the create.
    const again = error instanceof LaunchInputError ? await find() : undefined;
    if (again) return again;
    throw error;
  }
}
