import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

/** Setting key of the generated secret. Not a user setting: never list or export it. */
export const AUTH_SECRET_SETTING = "internal.authSecret";

/**
 * The secret better-auth signs session cookies with: BETTER_AUTH_SECRET when set, else one
 * generated on first use and kept in the Setting table, so `npm start` needs no configuration and
 * every web process of one database agrees on it. (Whoever can read the database can read the
 * sessions too, so keeping it there gives nothing away.)
 */
export async function getAuthSecret(): Promise<string> {
  const fromEnv = getEnv().BETTER_AUTH_SECRET;
  if (fromEnv && fromEnv.length >= 32) return fromEnv;
  if (fromEnv) console.warn("[auth] BETTER_AUTH_SECRET is shorter than 32 characters; using the generated secret instead");
  const candidate = randomBytes(32).toString("base64url");
  // INVARIANT: the first writer wins; everyone reads the stored value back.
  await prisma.setting.createMany({ data: [{ key: AUTH_SECRET_SETTING, value: candidate }], skipDuplicates: true });
  const row = await prisma.setting.findUniqueOrThrow({ where: { key: AUTH_SECRET_SETTING } });
  if (typeof row.value !== "string" || row.value.length < 32)
    throw new Error(`Setting ${AUTH_SECRET_SETTING} is malformed; delete the row to regenerate it`);
  return row.value;
}
