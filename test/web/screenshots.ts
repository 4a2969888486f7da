import { join } from "node:path";
import type { Page } from "playwright-core";
import { projectRoot } from "../../infra/paths";

/**
 * The README's pictures of the app: the browser tests take them where the page shows what a
 * user would see, so they stay current with the app.
 */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(projectRoot, "docs", "screenshots", `${name}.png`), fullPage: true, animations: "disabled" });
}
