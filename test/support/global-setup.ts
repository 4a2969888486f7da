import type { TestProject } from "vitest/node";
import { startDynamoDb } from "../../local/servers/dynamodb";
import { startSes } from "../../local/servers/ses";
import { freePort } from "../../local/servers/ports";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumExecutable } from "./browser";

/**
 * Starts the real local servers and one Chromium once per test run; every test file reaches the
 * servers through the real AWS SDK and isolates itself by its own table name and its own email
 * addresses, and opens its own browser context.
 */
export default async function setup(project: TestProject) {
  const [dynamodb, ses, browser] = await Promise.all([
    freePort().then((port) => startDynamoDb({ port })),
    startSes({ port: 0 }),
    chromiumExecutable().then((executablePath) => chromium.launchServer({ executablePath, args: chromiumArgs, headless: true })),
  ]);
  project.provide("dynamodbEndpoint", dynamodb.endpoint);
  project.provide("sesEndpoint", ses.endpoint);
  project.provide("browserEndpoint", browser.wsEndpoint());
  return async () => {
    await Promise.all([dynamodb.stop(), ses.stop(), browser.close()]);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    sesEndpoint: string;
  }
}
