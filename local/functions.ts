import { UpdateItemCommand, type UpdateItemCommandInput } from "@aws-sdk/client-dynamodb";
import type { Deps } from "../adapters/deps";
import { functionName } from "../adapters/function-names";
import httpRouterHandler from "@middy/http-router";
import { createHandler as api } from "../functions/api/handler";
import { createHandler as reports } from "../functions/reports/handler";
import { reportRoutes } from "../functions/reports/routes";
import { createHandler as openApi } from "../functions/openapi/handler";
import { openApiRoute } from "../functions/openapi/route";
import { createHandler as journeyPlan } from "../functions/journey-plan/handler";
import { createHandler as journeyPark } from "../functions/journey-park/handler";
import { createHandler as journeyRecord } from "../functions/journey-record/handler";
import { createHandler as journeyContinue } from "../functions/journey-continue/handler";
import { createHandler as digestSpecialists } from "../functions/digest-specialists/handler";
import { createHandler as digestSend } from "../functions/digest-send/handler";
import { createHandler as summaryTeams } from "../functions/summary-teams/handler";
import { createHandler as summarySend } from "../functions/summary-send/handler";

type Invoke = (event: unknown) => Promise<unknown>;

/**
 * The functions the workflows call, bound in process to the same handler modules that Lambda
 * runs, under the ARNs the local Step Functions endpoint resolves.
 */
const workflowFunctions = {
  "journey-plan": journeyPlan,
  "journey-park": journeyPark,
  "journey-record": journeyRecord,
  "journey-continue": journeyContinue,
  "digest-specialists": digestSpecialists,
  "digest-send": digestSend,
  "summary-teams": summaryTeams,
  "summary-send": summarySend,
} as const;

export const localAccount = "000000000000";

export const lambdaArn = (region: string, deployment: string, folder: string) =>
  `arn:aws:lambda:${region}:${localAccount}:function:${functionName(deployment, folder)}`;

export function bindFunctions(deps: () => Deps, region: string, deployment: string) {
  const lambdas: Record<string, Invoke> = {};
  const arns: Record<string, string> = {};
  for (const [folder, create] of Object.entries(workflowFunctions)) {
    const handler = create(deps) as unknown as (event: unknown, context: object) => Promise<unknown>;
    const arn = lambdaArn(region, deployment, folder);
    lambdas[arn] = (event) => handler(event, { functionName: functionName(deployment, folder), awsRequestId: "local" });
    arns[folder] = arn;
  }
  return { lambdas, arns, api: gateway(deps) };
}

type HttpHandler = (event: never, context: object) => Promise<unknown>;

/**
 * What API Gateway does with the routes in AWS (infra/constructs/api.ts): the report routes to
 * the reports function, the OpenAPI document to its own, every other request to the api function.
 */
function gateway(deps: () => Deps): HttpHandler {
  const apiHandler = api(deps) as unknown as HttpHandler;
  const reportsHandler = reports(deps) as unknown as HttpHandler;
  const openApiHandler = openApi(deps) as unknown as HttpHandler;
  const notElsewhere = Symbol("a route of the api function");
  const toOthers = httpRouterHandler({
    routes: [
      ...reportRoutes.map((route) => ({ ...route, handler: reportsHandler as never })),
      { ...openApiRoute, handler: openApiHandler as never },
    ],
    notFoundResponse: () => notElsewhere as never,
  }) as unknown as HttpHandler;
  return async (event, context) => {
    const answer = await toOthers(event, context);
    return answer === notElsewhere ? apiHandler(event, context) : answer;
  };
}

/**
 * The AWS SDK integrations the workflows call directly (no function between), each bound to the
 * same client the functions use: the journey's await stores its callback token with DynamoDB's
 * UpdateItem (workflows/journey.asl.json). The Parameters are DynamoDB's own API input.
 */
export function sdkIntegrations(deps: () => Deps): Array<{ service: string; action: string; handler: (parameters: unknown) => Promise<unknown> }> {
  return [
    {
      service: "dynamodb",
      action: "updateItem",
      handler: async (parameters) => {
        // The document client sends low-level commands unchanged (they carry typed attribute values).
        const { $metadata: _metadata, ...output } = await deps().db.send(new UpdateItemCommand(parameters as UpdateItemCommandInput) as never);
        return output;
      },
    },
  ];
}
