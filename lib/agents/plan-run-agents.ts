/**
 * Launch on agents: resolve the selection against the registered agents and plan which VUs each
 * runs (agent-selection.ts). The rows are inserted in the run's own transaction (enqueue-run.ts):
 * a run with RunAgent rows is dispatched to its agents by the controller, never run locally.
 */
import { prisma, type Prisma } from "../db/client";
import { configuredVus } from "../engine/rendezvous";
import { applyOverrides, type TRunOverrides, type TScenario } from "../engine/scenario";
import { AppError, AppErrorCode } from "../errors";
import { agentVuRange, chooseAgents, ZAgentSelection } from "./agent-selection";

export interface TRunAgentPlan {
  name: string;
  agentId: string;
  vuFrom: number;
  vuTo: number;
}

export async function planRunAgents(
  selection: unknown,
  scenarios: TScenario[],
  overrides: TRunOverrides | undefined,
): Promise<TRunAgentPlan[]> {
  const parsed = ZAgentSelection.safeParse(selection);
  if (!parsed.success)
    throw new AppError(
      AppErrorCode.INVALID_INPUT,
      "invalid agents",
      parsed.error.issues.map((i) => ({ path: ["agents", ...i.path].join("."), message: i.message })),
    );
  const agents = await prisma.agent.findMany({ select: { id: true, name: true, labels: true, status: true } });
  const chosen = chooseAgents(parsed.data, agents);
  if (!chosen.ok) throw new AppError(AppErrorCode.INVALID_INPUT, chosen.message, [{ path: "agents", message: chosen.message }]);
  const vus = Math.max(0, ...Object.values(configuredVus(scenarios.map((s) => applyOverrides(s, overrides)))));
  const n = chosen.agents.length;
  if (n > vus)
    throw new AppError(AppErrorCode.INVALID_INPUT, `${n} agents for ${vus} VU(s): every agent needs at least one`, [
      { path: "agents", message: "more agents than VUs" },
    ]);
  return chosen.agents.map((a, k) => ({ name: a.name, agentId: a.id, ...agentVuRange(k, n, vus)! }));
}

export async function createRunAgents(tx: Prisma.TransactionClient, runId: string, plan: TRunAgentPlan[]): Promise<void> {
  if (plan.length) await tx.runAgent.createMany({ data: plan.map((p) => ({ runId, ...p })) });
}
