/**
 * Credentials of the e2e run, shared by playwright.config.ts (server env), scripts/e2e-server.ts
 * (creates the admin in the fresh database) and the sign-in setup project. Test-only values: the
 * database they live in is created for the run and dropped after it.
 */
export const E2E_ADMIN = {
  email: "e2e-admin@musterpoint.test",
  password: "e2e-password-not-secret",
} as const;

/** Admin API token for machine-client specs (MUSTERPOINT_BOOTSTRAP_TOKEN, ≥ 32 characters). */
export const E2E_BOOTSTRAP_TOKEN = "e2e-bootstrap-token-0123456789abcdef0123456789";

/** Where the setup project stores the signed-in browser state. */
// Per port, so that e2e runs on different ports (E2E_PORT) at the same time keep their own sessions.
export const E2E_AUTH_STATE = `e2e/output/.auth/admin-${process.env.E2E_PORT ?? 3100}.json`;
