/** Password length bounds (better-auth enforces the same on sign-in and password change). */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
