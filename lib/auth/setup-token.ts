import { prisma } from "@/lib/db/client";
import { generateSecretToken, sha256Hex } from "./token-hash";

/** Setting key of the pending set-up link's hash. Not a user setting. */
export const SETUP_TOKEN_SETTING = "internal.setupTokenHash";

/** A new set-up token (the previous one stops working). Valid until used. */
export async function issueSetupToken(): Promise<string> {
  const token = generateSecretToken();
  const value = { hash: sha256Hex(token), issuedAt: new Date().toISOString() };
  await prisma.setting.upsert({ where: { key: SETUP_TOKEN_SETTING }, create: { key: SETUP_TOKEN_SETTING, value }, update: { value } });
  return token;
}

/**
 * Consumes the set-up token: true for exactly one caller with the right token (the row is deleted
 * in the same statement that matches it, so two concurrent requests cannot both succeed).
 */
export async function consumeSetupToken(token: string): Promise<boolean> {
  if (typeof token !== "string" || token.length < 20 || token.length > 200) return false;
  const { count } = await prisma.setting.deleteMany({
    where: { key: SETUP_TOKEN_SETTING, value: { path: ["hash"], equals: sha256Hex(token) } },
  });
  return count === 1;
}

/** Puts a consumed token back (the account could not be created after all). */
export async function restoreSetupToken(token: string): Promise<void> {
  const value = { hash: sha256Hex(token), issuedAt: new Date().toISOString() };
  await prisma.setting.createMany({ data: [{ key: SETUP_TOKEN_SETTING, value }], skipDuplicates: true });
}

export async function clearSetupToken(): Promise<void> {
  await prisma.setting.deleteMany({ where: { key: SETUP_TOKEN_SETTING } });
}
