import { existsSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect, inject } from "vitest";

/**
 * The browser for the web app's tests: one Chromium per test run (started by the global setup),
 * a fresh context per test. Chromium comes from the machine when it has one, else from the npm
 * package @sparticuz/chromium, so `npm ci && npm test` needs nothing installed by hand.
 */
export async function chromiumExecutable(): Promise<string> {
  const onMachine = [process.env.IPSFLOW_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(
    (path) => path && existsSync(path),
  );
  if (onMachine) return onMachine;
  const { default: packaged } = await import("@sparticuz/chromium");
  return packaged.executablePath();
}

/** Only what a root user in a container needs; no flag that weakens the web's security model (CORS, CSP). */
export const chromiumArgs = ["--no-sandbox", "--disable-dev-shm-usage"];

export function connectBrowser(): Promise<Browser> {
  return chromium.connect(inject("browserEndpoint"));
}

/** A phone (390 px wide, as the target) unless told otherwise. */
export async function newPage(browser: Browser, options: { width?: number; height?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 390, height: options.height ?? 844 },
    locale: "nb-NO",
    timezoneId: "Europe/Oslo",
  });
  // Fail a step within seconds, not at the test's own timeout: expect.poll retries the lookups.
  context.setDefaultTimeout(5_000);
  const page = await context.newPage();
  // A page that throws is a broken page, whatever it shows; so is one the CSP had to stop.
  page.on("pageerror", (error) => {
    throw error;
  });
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) throw new Error(`CSP violation on ${page.url()}: ${message.text()}`);
  });
  return { context, page };
}

/** Every origin the page sent a request to, from now on: none may lie outside the deployment. */
export function requestOrigins(page: Page): Set<string> {
  const origins = new Set<string>();
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith("http")) origins.add(url.origin);
  });
  return origins;
}

/** Signs in on the local dev sign-in page by clicking the person's button. */
export async function signInAs(page: Page, name: string | RegExp) {
  await expect.poll(() => new URL(page.url()).pathname).toBe("/signin");
  await page.getByRole("button", { name }).click();
}

/** No serious or critical axe-core violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `axe on ${page.url()}`,
  ).toEqual([]);
}

/** The page fits the viewport's width: nothing makes a phone scroll sideways. */
export async function expectFitsWidth(page: Page) {
  // Runs in the page; the test's own tsconfig has no DOM types.
  const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
    "({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })",
  );
  expect(scrollWidth, `page width on ${page.url()}`).toBeLessThanOrEqual(innerWidth);
}

declare module "vitest" {
  export interface ProvidedContext {
    browserEndpoint: string;
  }
}
