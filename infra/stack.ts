import { CfnOutput, Stack, type StackProps, Tags } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import type { Deployment } from "../core/config/deployment";
import { digestSchedule, summarySchedule } from "../core/config/schedules";
import { Alarms } from "./constructs/alarms";
import { Api } from "./constructs/api";
import { reportRoutes } from "../functions/reports/routes";
import { Data } from "./constructs/data";
import { deadLetterQueue } from "./constructs/dead-letter-queue";
import { Digest } from "./constructs/digest";
import { Email } from "./constructs/email";
import { IpsflowFunction } from "./constructs/function";
import { Journey, JourneyAccess } from "./constructs/journey";
import { Keys } from "./constructs/keys";
import { Summary } from "./constructs/summary";
import { WebApp } from "./constructs/web-app";
import { functionName, stateMachineName, substitutionKey } from "../adapters/function-names";
import { type FunctionName, functionSpecs, pascalCase } from "./functions";
import { resourcePrefix, signInDomainPrefix, signInDomainUrl, userPoolIssuerOrigin } from "./names";
import { acknowledge } from "./nag";
import { projectRoot } from "./paths";
import { readWorkflowDefinition } from "../workflows/definitions";

/**
 * Function and workflow logs, API access logs. They carry no personal data by design (the
 * logger drops personal fields; workflows log without execution data), and a year covers
 * incident reviews.
 */
const logRetention = RetentionDays.ONE_YEAR;

export interface IpsflowStackProps extends StackProps {
  /** One validated entry of deployments.json. */
  readonly deployment: Deployment;
}

/**
 * Everything one deployment (one region) runs. Nothing is shared with other deployments: each
 * has its own keys, table, user pool, workflows and alarms, and its data stays in its region.
 */
export class IpsflowStack extends Stack {
  readonly deployment: Deployment;
  readonly keys: Keys;
  readonly data: Data;
  readonly email: Email;
  readonly functions: ReadonlyMap<FunctionName, IpsflowFunction>;
  readonly journey: Journey;
  readonly digest: Digest;
  readonly summary: Summary;
  readonly api: Api;
  readonly web: WebApp;
  /** The web app's URL (an origin): the deployment's baseUrl, or the distribution's own domain. */
  readonly appUrl: string;
  readonly alarms: Alarms;
  readonly deadLetterQueues: { schedules: Queue; emailEvents: Queue };
  /** Built from the journey's fixed name, so that functions can refer to it without a reference cycle. */
  readonly journeyStateMachineArn: string;

  constructor(scope: Construct, id: string, props: IpsflowStackProps) {
    const { deployment } = props;
    super(scope, id, {
      ...props,
      env: { account: deployment.account, region: deployment.region },
      description: `IPS flow: journeys, digests and team summaries for deployment "${deployment.name}" (${deployment.region})`,
      terminationProtection: props.terminationProtection ?? true,
    });
    this.deployment = deployment;
    const prefix = resourcePrefix(deployment);
    Tags.of(this).add("ipsflow:deployment", deployment.name);

    this.keys = new Keys(this, "Keys", { resourcePrefix: prefix });
    this.data = new Data(this, "Data", { key: this.keys.data });
    this.email = new Email(this, "Email", {
      resourcePrefix: prefix,
      senderEmail: deployment.senderEmail,
      key: this.keys.notifications,
    });
    this.keys.allowSesEvents(this.email.configurationSetName);

    // The app's Content-Security-Policy may name no token of the HTTP API: the API's CORS origin
    // and the functions' environment name the app's URL, which is the distribution's domain, so
    // the distribution naming the API would close a cycle (distribution -> API -> api function ->
    // distribution). It names what is known at synth instead: API Gateway's hosts in this region,
    // the region's Cognito issuer, and the sign-in domain built from its literal prefix. The
    // wildcard admits other execute-api hosts of the region too; scripts still come from the
    // app's own files only ('self', no inline), and every API call needs this pool's token.
    const signInPrefix = signInDomainPrefix(deployment);
    this.web = new WebApp(this, "Web", {
      resourcePrefix: prefix,
      webRoot: `${projectRoot}/web`,
      customDomain:
        deployment.baseUrl && deployment.webCertificateArn ? { origin: deployment.baseUrl, certificateArn: deployment.webCertificateArn } : undefined,
      connectTo: [
        `https://*.execute-api.${deployment.region}.amazonaws.com`,
        userPoolIssuerOrigin(deployment.region),
        signInDomainUrl(signInPrefix, deployment.region),
      ],
      logKey: this.keys.data,
      logRetention,
    });
    this.appUrl = this.web.url;

    this.deadLetterQueues = {
      schedules: deadLetterQueue(this, "ScheduleDeadLetters", {
        queueName: `${prefix}-schedule-dead-letters`,
        key: this.keys.data,
      }),
      emailEvents: deadLetterQueue(this, "EmailEventDeadLetters", {
        queueName: `${prefix}-email-event-dead-letters`,
        key: this.keys.data,
      }),
    };
    acknowledge(
      this.deadLetterQueues.schedules,
      "AwsSolutions-SQS3",
      "This queue is itself the dead-letter queue of the digest and summary schedules (EventBridge Scheduler; cdk-nag only recognises SQS and Lambda " +
        "dead-letter use). A dead-letter queue of a dead-letter queue would only move the problem; its depth has an alarm.",
    );

    const journeyName = stateMachineName(deployment.name, "journey");
    const journeyAccess = new JourneyAccess(this, journeyName, this.keys.data);
    this.journeyStateMachineArn = journeyAccess.stateMachineArn;

    const functions = new Map<FunctionName, IpsflowFunction>();
    for (const spec of functionSpecs) {
      const fn = new IpsflowFunction(this, `${pascalCase(spec.name)}Function`, {
        spec,
        functionName: functionName(deployment.name, spec.name),
        projectRoot,
        holidayCountry: deployment.holidayCountry,
        logKey: this.keys.data,
        logRetention,
        deadLetterQueue: spec.receivesEmailEvents ? this.deadLetterQueues.emailEvents : undefined,
        environment: {
          TABLE_NAME: this.data.table.tableName,
          // The app's URL for the links in emails: a token (the distribution's domain) unless configured.
          IPSFLOW_DEPLOYMENT: this.toJsonString({ ...deployment, baseUrl: this.appUrl }),
          JOURNEY_STATE_MACHINE_ARN: this.journeyStateMachineArn,
          POWERTOOLS_SERVICE_NAME: "ipsflow",
          LOG_LEVEL: "INFO",
          ...(spec.sendsEmail ? { SES_CONFIGURATION_SET: this.email.configurationSetName } : {}),
        },
      });
      this.data.grant(fn.role, spec.table);
      if (spec.sendsEmail) this.email.grantSend(fn.role);
      journeyAccess.grant(fn.role, { start: spec.startsJourneys, wake: spec.wakesJourneys, read: spec.readsJourneys, stop: spec.stopsJourneys });
      if (spec.receivesEmailEvents) this.email.subscribe(fn.alias);
      functions.set(spec.name, fn);
    }
    this.functions = functions;

    const byArnKey = new Map([...functions].map(([name, fn]) => [substitutionKey(name), fn]));
    const stateMachines = { JourneyStateMachineArn: this.journeyStateMachineArn };
    const workflow = { functions: byArnKey, key: this.keys.data, logRetention };

    this.journey = new Journey(this, "Journey", {
      ...workflow,
      stateMachineName: journeyName,
      stateMachineArn: this.journeyStateMachineArn,
      definition: readWorkflowDefinition(projectRoot, "journey"),
      table: { name: this.data.table.tableName, grant: (role) => this.data.grantJourneyAwait(role) },
    });
    this.digest = new Digest(this, "Digest", {
      ...workflow,
      stateMachines,
      stateMachineName: stateMachineName(deployment.name, "digest"),
      scheduleName: `${prefix}-digest`,
      schedule: digestSchedule(deployment),
      definition: readWorkflowDefinition(projectRoot, "digest"),
      deadLetterQueue: this.deadLetterQueues.schedules,
    });
    this.summary = new Summary(this, "Summary", {
      ...workflow,
      stateMachines,
      stateMachineName: stateMachineName(deployment.name, "summary"),
      scheduleName: `${prefix}-summary`,
      schedule: summarySchedule(deployment),
      definition: readWorkflowDefinition(projectRoot, "summary"),
      deadLetterQueue: this.deadLetterQueues.schedules,
    });

    const apiFunction = functions.get("api");
    const reportsFunction = functions.get("reports");
    const openApiFunction = functions.get("openapi");
    if (!apiFunction || !reportsFunction || !openApiFunction) throw new Error("the api, reports and openapi functions are required");
    this.api = new Api(this, "Api", {
      resourcePrefix: prefix,
      handler: apiFunction.alias,
      reports: { handler: reportsFunction.alias, routes: reportRoutes },
      openApi: openApiFunction.alias,
      appUrl: this.appUrl,
      signInDomainPrefix: signInPrefix,
      key: this.keys.data,
      logRetention,
    });

    // The run-time config of the one build: this deployment's API, zone, language and sign-in.
    this.web.publish({
      apiUrl: this.api.url,
      timeZone: deployment.timeZone,
      locale: deployment.locale,
      auth: {
        mode: "cognito",
        authority: `${userPoolIssuerOrigin(deployment.region)}/${this.api.userPool.userPoolId}`,
        clientId: this.api.client.userPoolClientId,
        signInDomain: this.api.signInDomain.baseUrl(),
      },
    });

    this.alarms = new Alarms(this, "Alarms", {
      resourcePrefix: prefix,
      deploymentName: deployment.name,
      adminEmails: deployment.adminEmails,
      key: this.keys.notifications,
      workflows: {
        journey: this.journey.workflow.stateMachine,
        digest: this.digest.workflow.stateMachine,
        summary: this.summary.workflow.stateMachine,
      },
      functions: Object.fromEntries([...functions].map(([name, fn]) => [name, fn.function])),
      deadLetterQueues: {
        schedule: this.deadLetterQueues.schedules,
        "email-event": this.deadLetterQueues.emailEvents,
      },
    });

    new CfnOutput(this, "AppUrl", { value: this.appUrl, description: "The web app" });
    if (deployment.baseUrl) {
      new CfnOutput(this, "AppDistributionDomainName", {
        value: this.web.distribution.distributionDomainName,
        description: `Point ${new URL(deployment.baseUrl).hostname} here (DNS CNAME or alias record)`,
      });
    }
    new CfnOutput(this, "TableName", { value: this.data.table.tableName });
    new CfnOutput(this, "JourneyStateMachineArn", { value: this.journey.workflow.stateMachine.stateMachineArn });
  }
}
