import type { TestProject } from "vitest/node";
import { startDynamoDb } from "../../local/servers/dynamodb";
import { startSes } from "../../local/servers/ses";
import { freePort } from "../../local/servers/ports";

/**
 * Starts the real local servers once per test run; every test file reaches them through the real
 * AWS SDK and isolates itself by its own table name and its own email addresses.
 */
export default async function setup(project: TestProject) {
  const [dynamodb, ses] = await Promise.all([
    freePort().then((port) => startDynamoDb({ port })),
    startSes({ port: 0 }),
  ]);
  project.provide("dynamodbEndpoint", dynamodb.endpoint);
  project.provide("sesEndpoint", ses.endpoint);
  return async () => {
    await Promise.all([dynamodb.stop(), ses.stop()]);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    sesEndpoint: string;
  }
}
