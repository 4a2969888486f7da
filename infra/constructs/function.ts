import { join } from "node:path";
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { Alias, Architecture, LoggingFormat, Runtime } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat, SourceMapMode } from "aws-cdk-lib/aws-lambda-nodejs";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { type FunctionSpec, handlerEntry } from "../functions";
import type { HolidayCountry } from "../../core/calendar/holiday-table";
import { ManagedPolicyRole } from "../iam";
import { acknowledge } from "../nag";

/** The live alias: every caller (Step Functions, API Gateway, SNS) invokes a published version through it. */
export const liveAliasName = "live";

/**
 * esbuild emits ESM; a few CommonJS dependencies still call `require` for Node built-ins, which
 * does not exist in an ES module, so the bundle defines it first.
 */
export const requireBanner = "import { createRequire as __ipsflowCreateRequire } from 'node:module'; const require = __ipsflowCreateRequire(import.meta.url);";

/**
 * Modules the bundles replace: the SDK's default credential chain by the one link Lambda needs
 * (adapters/clients/lambda-credentials.ts), and the public holiday table (`#holidays`, Norway's
 * when unbundled) by the deployment's country's, so a function carries that table alone. The
 * benchmark of the bundles uses the same.
 */
export const bundleAliases = (projectRoot: string, holidayCountry: HolidayCountry): Record<string, string> => ({
  "@aws-sdk/credential-provider-node": join(projectRoot, "adapters", "clients", "lambda-credentials.ts"),
  "#holidays": join(projectRoot, "core", "calendar", "holidays", `${holidayCountry.toLowerCase()}.json`),
});

export interface IpsflowFunctionProps {
  readonly spec: FunctionSpec;
  readonly functionName: string;
  readonly projectRoot: string;
  /** Whose public holidays the bundle carries: the deployment's `holidayCountry`. */
  readonly holidayCountry: HolidayCountry;
  readonly environment: Record<string, string>;
  readonly logKey: IKey;
  readonly logRetention: RetentionDays;
  /** For functions invoked asynchronously (SNS): where failed events go after Lambda's retries. */
  readonly deadLetterQueue?: IQueue;
}

/**
 * One handler module as a Lambda: bundled here by the locally installed esbuild (never Docker),
 * Node.js 22 on ARM, its own role and its own encrypted log group, and a `live` alias.
 */
export class IpsflowFunction extends Construct {
  readonly function: NodejsFunction;
  readonly alias: Alias;
  readonly role: ManagedPolicyRole;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: IpsflowFunctionProps) {
    super(scope, id);
    const { spec } = props;

    this.role = new ManagedPolicyRole(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `${props.functionName}: ${spec.description}`.slice(0, 1000),
    });

    this.logGroup = new LogGroup(this, "Logs", {
      logGroupName: `/aws/lambda/${props.functionName}`,
      encryptionKey: props.logKey,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, "Function", {
      functionName: props.functionName,
      description: spec.description,
      entry: handlerEntry(props.projectRoot, spec.name),
      handler: "handler",
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMiB ?? 512,
      timeout: Duration.seconds(spec.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      deadLetterQueue: props.deadLetterQueue,
      awsSdkConnectionReuse: false,
      environment: {
        ...props.environment,
        NODE_OPTIONS: "--enable-source-maps",
      },
      bundling: {
        format: OutputFormat.ESM,
        target: "node22",
        mainFields: ["module", "main"],
        banner: requireBanner,
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        // Maps carry positions only, not the sources (the AWS SDK would dominate the asset).
        sourcesContent: false,
        // The SDK is bundled: the version the tests ran against, not whatever the runtime ships.
        externalModules: [],
        esbuildArgs: Object.fromEntries(Object.entries(bundleAliases(props.projectRoot, props.holidayCountry)).map(([module, path]) => [`--alias:${module}`, path])),
        forceDockerBundling: false,
      },
    });

    this.alias = new Alias(this, "Live", { aliasName: liveAliasName, version: this.function.currentVersion });

    acknowledge(
      this.function,
      "AwsSolutions-L1",
      "Node.js 22 is the version the project pins, runs and tests on (package.json engines and the node devDependency); the runtime moves with it, deliberately, not ahead of it.",
    );
    acknowledge(
      this.function,
      "HIPAA.Security-LambdaInsideVPC",
      "The function serves no private network resource: it calls only AWS regional APIs (DynamoDB, SES, Step Functions) over TLS with SigV4-signed, IAM-scoped requests and " +
        "accepts no inbound connections. A VPC would add NAT gateways or interface endpoints without reducing what the function can reach.",
    );
    acknowledge(
      this.function,
      "HIPAA.Security-LambdaConcurrency",
      "Load is bounded upstream (API stage throttling, Map MaxConcurrency in the workflows, one schedule per morning and week). Reserved concurrency would carve fixed " +
        "capacity out of the account pool: on new accounts (10 in total) the deploy fails, and a low cap would throttle journeys waking at the same due time.",
    );
    if (!props.deadLetterQueue) {
      acknowledge(
        this.function,
        "HIPAA.Security-LambdaDLQ",
        "Invoked synchronously only (a Step Functions task or API Gateway): a failure returns to the caller, which retries and raises an alarm " +
          "(failed executions, function errors). Lambda never queues these invocations, so a dead-letter queue would stay empty.",
      );
    }
  }
}
