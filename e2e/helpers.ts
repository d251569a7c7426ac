import type { Page } from "@playwright/test";
import path from "node:path";

const SCREENSHOTS = path.join(import.meta.dirname, "output", "screenshots");

/** Full-page screenshot kept as a CI artifact under e2e/output/screenshots/. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A name no other run or spec uses, so specs can share one database. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}
