import { inject } from "vitest";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type Clock } from "../../core/clock";
import { localDeployment, type Deployment } from "../../core/config/deployment";
import type { Deps } from "../../adapters/deps";
import { createClients } from "../../adapters/clients/all";
import { localCredentials } from "../../local/servers/credentials";
import { ensureTable } from "../../local/servers/table";
import { newId } from "../../core/ids";

/** A settable clock for tests that call handlers directly (workflow tests use the virtual clock). */
export function testClock(start: string | Date) {
  let now = new Date(start);
  const clock: Clock & { set(at: string | Date): void; advanceDays(days: number): void } = {
    now: () => new Date(now),
    set: (at) => (now = new Date(at)),
    advanceDays: (days) => (now = new Date(now.getTime() + days * 86_400_000)),
  };
  return clock;
}

/**
 * Deps against the run's real local servers (DynamoDB Local, SES local), with a fresh table per
 * call so that test files never see each other's data.
 */
export async function testDeps(options: { clock: Clock; deployment?: Partial<Deployment>; sfnEndpoint?: string; journeyStateMachineArn?: string }): Promise<Deps> {
  const endpoints = { dynamodb: inject("dynamodbEndpoint"), ses: inject("sesEndpoint"), sfn: options.sfnEndpoint ?? "http://127.0.0.1:9" };
  const tableName = `test-${newId()}`;
  const raw = new DynamoDBClient({ region: "eu-north-1", endpoint: endpoints.dynamodb, credentials: localCredentials });
  await ensureTable(raw, tableName);
  raw.destroy();
  return {
    clock: options.clock,
    ...createClients({ region: "eu-north-1", endpoints, credentials: localCredentials }),
    tableName,
    journeyStateMachineArn: options.journeyStateMachineArn ?? "arn:aws:states:eu-north-1:000000000000:stateMachine:none",
    deployment: { ...localDeployment, ...options.deployment },
  };
}

/** Mail captured by the local SES server, optionally only that sent to one address. */
export async function capturedMail(to?: string) {
  const res = await fetch(`${inject("sesEndpoint")}/store`);
  const { emails } = (await res.json()) as {
    emails: Array<{ messageId: string; from: string; destination: { to: string[] }; subject: string; body: { html?: string; text?: string }; at: number }>;
  };
  return to ? emails.filter((mail) => mail.destination.to.includes(to)) : emails;
}
