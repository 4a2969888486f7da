import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import * as z from "zod";
import { type Deployment, localDeployment } from "../core/config/deployment";
import { workflowSchedules } from "../core/config/schedules";
import type { Deps } from "../adapters/deps";
import { createClients } from "../adapters/clients/all";
import { stateMachineName, substitutionKey } from "../adapters/function-names";
import { VirtualClock } from "./clock/virtual-clock";
import { LocalStepFunctions } from "./stepfunctions";
import { readWorkflowDefinition, workflowNames } from "../workflows/definitions";
import { LocalScheduler } from "./scheduler";
import { startDynamoDb, type RunningServer } from "./servers/dynamodb";
import { startSes } from "./servers/ses";
import { ensureTable } from "./servers/table";
import { localCredentials } from "./servers/credentials";
import { apiListener } from "./http/server";
import { jwtAuthorizer, type SignInIssuer } from "./http/authorizer";
import { webAppListener } from "./http/web-server";
import { bundleWebApp } from "../web/build";
import { clockRoutes } from "./http/clock-routes";
import { bindFunctions, localAccount, sdkIntegrations } from "./functions";
import { seedDemo } from "./seed";
import { resumeJourneys } from "./resume";
import { type FaultInjector, faultyLambda, sesProxy, stepFunctionsProxy } from "./faults";

export interface LocalSystemOptions {
  ports?: { api?: number; web?: number; ses?: number; dynamodb?: number; stepFunctions?: number };
  /** Where DynamoDB keeps its data and the clock its time; absent: in memory. */
  dataDir?: string;
  /** Use servers that already run (tests start them once per run) instead of starting them. */
  dynamodbEndpoint?: string;
  sesEndpoint?: string;
  tableName?: string;
  /** Virtual ms per real ms; 0 freezes time (tests move it with advance). */
  speed?: number;
  /** Virtual start time when no saved time exists. */
  start?: Date;
  seed?: boolean;
  deployment?: Deployment;
  /**
   * Sign in through an OpenID Connect provider (a Cognito user pool, or any issuer) instead of the
   * dev sign-in page: the app uses code + PKCE against it and the API accepts its ID tokens, as in
   * AWS. Dev tokens keep working for scripts. `signInDomain` is where the provider's sign-out lives.
   */
  signIn?: SignInIssuer & { signInDomain: string };
  log?: (line: string) => void;
  /**
   * Let AWS fail as it sometimes does (local/faults/): workflow tasks throw, SES throttles, wakes
   * get lost. The handlers run unchanged; only what stands between them and the services fails.
   */
  faults?: FaultInjector;
}

export interface LocalSystem {
  urls: { api: string; web: string; inbox: string; dynamodb: string; stepFunctions: string };
  clock: VirtualClock;
  deps: Deps;
  stepFunctions: LocalStepFunctions;
  stateMachines: Record<"journey" | "digest" | "summary", string>;
  seeded: boolean;
  stop(): Promise<void>;
}

const projectRoot = join(import.meta.dirname, "..");
const savedClock = z.object({ now: z.iso.datetime() });

/**
 * The whole of ipsflow on loopback: DynamoDB Local, the SES inbox, the workflows on the local
 * Step Functions endpoint with the handlers bound in process, the schedules on the virtual clock,
 * and the HTTP API. `npm start` and the end-to-end tests both stand on this.
 */
export async function startLocalSystem(options: LocalSystemOptions = {}): Promise<LocalSystem> {
  const log = options.log ?? (() => {});
  const region = (options.deployment ?? localDeployment).region;
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const dynamodb: RunningServer = options.dynamodbEndpoint
      ? { endpoint: options.dynamodbEndpoint, stop: async () => {} }
      : await startDynamoDb({ port: options.ports?.dynamodb ?? 8000, dataDir: options.dataDir && join(options.dataDir, "dynamodb") });
    stops.push(dynamodb.stop);
    const ses: RunningServer = options.sesEndpoint
      ? { endpoint: options.sesEndpoint, stop: async () => {} }
      : await startSes({ port: options.ports?.ses ?? 8005 });
    stops.push(ses.stop);

    // The API and the app listen first: the app's URL is the base of every link in the emails,
    // and each needs the other's origin (CORS, the app's config). They answer once all is ready.
    const apiServer = await listen(createServer(), options.ports?.api ?? 3000);
    stops.push(() => close(apiServer));
    const webServer = await listen(createServer(), options.ports?.web ?? 3001);
    stops.push(() => close(webServer));
    const urls = { api: urlOf(apiServer), web: urlOf(webServer) };
    const deployment: Deployment = { ...(options.deployment ?? localDeployment), baseUrl: urls.web };

    const tableName = options.tableName ?? "ipsflow";
    const raw = new DynamoDBClient({ region, endpoint: dynamodb.endpoint, credentials: localCredentials });
    const table = await ensureTable(raw, tableName);
    raw.destroy();

    // Time never runs backwards across a restart: a demo advanced by months stays there.
    const clockFile = options.dataDir && join(options.dataDir, "clock.json");
    const saved = clockFile ? readSavedClock(clockFile) : undefined;
    const realNow = options.start ?? new Date();
    const start = saved?.success && new Date(saved.data.now) > realNow ? new Date(saved.data.now) : realNow;
    const clock = new VirtualClock({ start, speed: options.speed ?? 1 });
    const saveClock = () => {
      if (!clockFile) return;
      // Written aside and renamed into place: a process killed mid-write leaves the old time, not half a file.
      writeFileSync(`${clockFile}.new`, JSON.stringify({ now: clock.now().toISOString() }));
      renameSync(`${clockFile}.new`, clockFile);
    };
    stops.push(async () => saveClock());

    const stepFunctions = new LocalStepFunctions({ clock, region, accountId: localAccount });
    const sfnServer = await stepFunctions.listen(options.ports?.stepFunctions ?? 8083);
    stops.push(() => sfnServer.close());
    const arnOf = (workflow: "journey" | "digest" | "summary") =>
      `arn:aws:states:${region}:${localAccount}:stateMachine:${stateMachineName(deployment.name, workflow)}`;
    // Under faults the functions reach SES and Step Functions through a hop that fails some calls.
    const endpoints = { dynamodb: dynamodb.endpoint, ses: ses.endpoint, sfn: sfnServer.endpoint };
    if (options.faults) {
      const sesHop = await sesProxy(ses.endpoint, options.faults);
      const sfnHop = await stepFunctionsProxy(sfnServer.endpoint, options.faults);
      stops.push(sesHop.close, sfnHop.close);
      Object.assign(endpoints, { ses: sesHop.endpoint, sfn: sfnHop.endpoint });
    }
    const deps: Deps = {
      clock,
      ...createClients({ region, endpoints, credentials: localCredentials }),
      tableName,
      journeyStateMachineArn: arnOf("journey"),
      deployment,
    };
    const bound = bindFunctions(() => deps, region, deployment.name);
    for (const [arn, invoke] of Object.entries(bound.lambdas)) {
      const faults = options.faults;
      stepFunctions.addLambda(arn, faults ? faultyLambda(arn.slice(arn.lastIndexOf(":") + 1), invoke, faults) : invoke);
    }
    // The journey's await writes to the table itself (an AWS SDK integration), here to DynamoDB Local.
    for (const integration of sdkIntegrations(() => deps)) stepFunctions.addSdkIntegration(integration.service, integration.action, integration.handler);
    const substitutions = {
      ...Object.fromEntries(Object.entries(bound.arns).map(([folder, arn]) => [substitutionKey(folder), arn])),
      TableName: tableName,
    };
    const stateMachines = {} as LocalSystem["stateMachines"];
    for (const workflow of workflowNames) {
      const asl = readWorkflowDefinition(projectRoot, workflow).text;
      stateMachines[workflow] = stepFunctions.createStateMachine(
        stateMachineName(deployment.name, workflow),
        LocalStepFunctions.substitute(asl, substitutions),
      );
      if (stateMachines[workflow] !== arnOf(workflow)) throw new Error(`unexpected state machine ARN ${stateMachines[workflow]}`);
    }

    const scheduler = new LocalScheduler(clock);
    for (const schedule of workflowSchedules(deployment)) {
      scheduler.add({
        name: schedule.workflow,
        expression: schedule.expression,
        timeZone: schedule.timeZone,
        target: async () => {
          await stepFunctions.startExecution({
            stateMachineArn: stateMachines[schedule.workflow],
            input: JSON.stringify({ scheduledTime: clock.now().toISOString() }),
          });
        },
      });
    }
    stops.push(async () => {
      for (const schedule of scheduler.list()) scheduler.remove(schedule.name);
    });

    let seeded = false;
    if (table === "created" && options.seed !== false) {
      const counts = await seedDemo(deps);
      seeded = true;
      log(`Seeded a demo: ${counts.teams} teams, ${counts.specialists} specialists, ${counts.participants} participants.`);
    } else {
      const resumed = await resumeJourneys(deps);
      if (resumed > 0) log(`Resumed ${resumed} journeys from the data folder.`);
    }
    await clock.settle();

    apiServer.on(
      "request",
      apiListener({
        api: bound.api as never,
        localRoutes: clockRoutes(clock, saveClock),
        clock,
        allowedOrigin: urls.web,
        verifyJwt: options.signIn && jwtAuthorizer(options.signIn),
      }),
    );
    webServer.on(
      "request",
      webAppListener({
        files: bundleWebApp(),
        config: {
          apiUrl: urls.api,
          timeZone: deployment.timeZone,
          locale: deployment.locale,
          auth: options.signIn
            ? { mode: "cognito", authority: options.signIn.issuer, clientId: options.signIn.clientId, signInDomain: options.signIn.signInDomain }
            : { mode: "dev" },
          local: { inboxUrl: ses.endpoint },
        },
      }),
    );
    if ((options.speed ?? 1) > 0) clock.startTicking();
    stops.push(async () => clock.stopTicking());

    return {
      urls: {
        ...urls,
        inbox: ses.endpoint,
        dynamodb: dynamodb.endpoint,
        stepFunctions: sfnServer.endpoint,
      },
      clock,
      deps,
      stepFunctions,
      stateMachines,
      seeded,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function readSavedClock(file: string) {
  if (!existsSync(file)) return undefined;
  try {
    return savedClock.safeParse(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return undefined;
  }
}

function listen(server: Server, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
