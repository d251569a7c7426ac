import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./limits";
import { ZRole, type TRole } from "./roles";

export const ZEmail = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .max(254, { error: "Email must be at most 254 characters." })
  .pipe(z.email({ error: "Enter a valid email address." }));

export const ZPassword = z
  .string({ error: "Password is required." })
  .min(MIN_PASSWORD_LENGTH, { error: `Password must be at least ${MIN_PASSWORD_LENGTH} characters.` })
  .max(MAX_PASSWORD_LENGTH, { error: `Password must be at most ${MAX_PASSWORD_LENGTH} characters.` });

export const ZUserName = z
  .string({ error: "Name must be text." })
  .trim()
  .min(1, { error: "Name is required." })
  .max(100, { error: "Name must be at most 100 characters." });

export const ZCreateUser = z.object({
  email: ZEmail,
  name: ZUserName,
  password: ZPassword,
  role: z.enum(["viewer", "tester", "admin"], { error: "Role must be admin, tester or viewer." }),
});
export type TCreateUser = z.infer<typeof ZCreateUser>;

export interface TUserRow {
  id: string;
  email: string;
  name: string;
  role: TRole;
  createdAt: Date;
}

export { ZRole };
