import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deploymentSchema } from "../../core/config/deployment";
import { publicRoutes } from "../../local/http/authorizer";
import { routes as routeTable } from "../../functions/api/routes";
import { routeKey } from "../../functions/api/route";
import { webAppConfigSchema } from "../../core/config/web-app";
import { digestSchedule, summarySchedule } from "../../core/config/schedules";
import { table } from "../../adapters/dynamodb/table";
import { functionName, stateMachineName, substitutionKey } from "../../adapters/function-names";
import { journeyCheckInMetric, journeyCheckIns } from "../../adapters/logging/metrics";
import { functionSpecs } from "../../infra/functions";
import { signInDomainPrefix } from "../../infra/names";
import { projectRoot } from "../../infra/paths";
import type { IpsflowStack } from "../../infra/stack";
import { definitionPlaceholders, readWorkflowDefinition, workflowNames } from "../../workflows/definitions";
import {
  actionsOf,
  logicalIdOf,
  onlyResource,
  resourcesOf,
  statementsOfRole,
  type Synthesis,
  removeScratchDirs,
  synthesize,
  twoRegions,
} from "./support";

// One synthesis of two deployments for the whole file: the templates are shared by every test.
let synthesis: Synthesis;
let oslo: IpsflowStack;
let template: Template;

beforeAll(() => {
  synthesis = synthesize(twoRegions);
  oslo = synthesis.stacks[0];
  template = synthesis.templates.get("Ipsflow-oslo")!;
}, 180_000);
afterAll(removeScratchDirs);

const [osloDeployment, dublinDeployment] = twoRegions;

describe("one stack per deployment", () => {
  it("names each stack Ipsflow-<name> and puts it in the deployment's account and region", () => {
    expect(synthesis.stacks.map((stack) => [stack.stackName, stack.account, stack.region])).toEqual([
      ["Ipsflow-oslo", "111111111111", "eu-north-1"],
      ["Ipsflow-dublin", "222222222222", "eu-west-1"],
    ]);
  });

  it("shares nothing between regions: no exports, imports or stack dependencies", () => {
    for (const [name, stackTemplate] of synthesis.templates) {
      const json = JSON.stringify(stackTemplate.toJSON());
      expect(json, name).not.toContain("Fn::ImportValue");
      expect(Object.values(stackTemplate.toJSON().Outputs ?? {}).some((output) => "Export" in (output as object)), name).toBe(false);
    }
    for (const stack of synthesis.stacks) expect(stack.dependencies).toEqual([]);
  });

  it("protects each stack from deletion", () => {
    for (const stack of synthesis.stacks) expect(stack.terminationProtection).toBe(true);
  });

  it("gives each region its own table, keys, user pool and state machines, named after its deployment", () => {
    const dublin = synthesis.templates.get("Ipsflow-dublin")!;
    for (const [stackTemplate, name] of [
      [template, "oslo"],
      [dublin, "dublin"],
    ] as const) {
      stackTemplate.resourceCountIs("AWS::DynamoDB::GlobalTable", 1);
      stackTemplate.resourceCountIs("AWS::KMS::Key", 2);
      stackTemplate.resourceCountIs("AWS::Cognito::UserPool", 1);
      const machines = Object.values(resourcesOf(stackTemplate, "AWS::StepFunctions::StateMachine"));
      expect(machines.map((machine) => machine.Properties?.StateMachineName).sort()).toEqual(
        workflowNames.map((workflow) => stateMachineName(name, workflow)).sort(),
      );
    }
  });
});

describe("security checks", () => {
  it("runs the AWS Solutions and HIPAA Security packs and the CDK's template validation, with nothing left unacknowledged", () => {
    const plugins = synthesis.report.pluginReports;
    expect(plugins.map((plugin) => plugin.pluginName).sort()).toEqual(["AwsSolutions", "CloudFormation Validate", "HIPAA.Security"]);
    for (const plugin of plugins) {
      expect(plugin.violations, plugin.pluginName).toEqual([]);
      expect(plugin.conclusion, plugin.pluginName).toBe("success");
    }
  });

  it("uses every acknowledgement, each with a reason and on the construct it is about", () => {
    const suppressed = synthesis.report.pluginReports.flatMap((plugin) => plugin.suppressedViolations ?? []);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const finding of suppressed) {
      expect(finding.reason.length, finding.acknowledgedId).toBeGreaterThan(80);
      // Acknowledged on the resource's own construct or its owner, never on a whole stack.
      expect(finding.acknowledgedAt.split("/").length, `${finding.acknowledgedId} at ${finding.acknowledgedAt}`).toBeGreaterThan(1);
    }
    const used = new Set(suppressed.map((finding) => `${finding.acknowledgedAt} ${finding.acknowledgedId}`));
    const declared = synthesis.app.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata
          .filter((entry) => entry.type === "aws:cdk:acknowledged-rules")
          .flatMap((entry) => Object.keys(entry.data as object).map((id) => `${construct.node.path} ${id}`)),
      );
    expect(declared.length).toBeGreaterThan(0);
    expect(declared.filter((ack) => !used.has(ack))).toEqual([]);
  });
});

describe("data", () => {
  it("builds the table from adapters/dynamodb/table.ts: keys, indexes, TTL", () => {
    const [, globalTable] = onlyResource(template, "AWS::DynamoDB::GlobalTable");
    const props = globalTable.Properties!;
    expect(props.KeySchema).toEqual([
      { AttributeName: table.partitionKey, KeyType: "HASH" },
      { AttributeName: table.sortKey, KeyType: "RANGE" },
    ]);
    expect(props.GlobalSecondaryIndexes).toEqual(
      table.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: "HASH" },
          { AttributeName: index.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      })),
    );
    const attributes = props.AttributeDefinitions as Array<{ AttributeName: string; AttributeType: string }>;
    expect(attributes.every((attribute) => attribute.AttributeType === "S")).toBe(true);
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: table.timeToLiveAttribute, Enabled: true });
  });

  it("is on demand, point-in-time recoverable, deletion protected, encrypted with the data key, and retained", () => {
    const [, globalTable] = onlyResource(template, "AWS::DynamoDB::GlobalTable");
    expect(globalTable.Properties!.BillingMode).toBe("PAY_PER_REQUEST");
    expect(globalTable.Properties!.SSESpecification).toEqual({ SSEEnabled: true, SSEType: "KMS" });
    expect(globalTable.Properties!.Replicas).toEqual([
      expect.objectContaining({
        Region: "eu-north-1",
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { KMSMasterKeyId: { "Fn::GetAtt": [logicalIdOf(oslo.resolve(oslo.keys.data.keyArn)), "Arn"] } },
      }),
    ]);
    expect(globalTable.DeletionPolicy).toBe("Retain");
    expect(globalTable.UpdateReplacePolicy).toBe("Retain");
  });

  it("uses customer-managed keys with rotation, kept when the stack goes", () => {
    for (const key of Object.values(resourcesOf(template, "AWS::KMS::Key"))) {
      expect(key.Properties!.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe("Retain");
    }
  });
});

/** DynamoDB's item writes: granted to functions whose code writes, and to no other. */
const dynamoDbWrites = ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"];

describe("functions", () => {
  // The stack's own functions, all named; CDK's BucketDeployment function (unnamed) is the web app's.
  const functionsByName = (stackTemplate = template) =>
    new Map(
      Object.entries(resourcesOf(stackTemplate, "AWS::Lambda::Function"))
        .filter(([, fn]) => fn.Properties!.FunctionName !== undefined)
        .map(([id, fn]) => [fn.Properties!.FunctionName as string, { id, fn }]),
    );

  it("deploys every handler of the registry as Node.js 22 on ARM, ESM, with source maps", () => {
    const byName = functionsByName();
    expect([...byName.keys()].sort()).toEqual(functionSpecs.map((spec) => functionName("oslo", spec.name)).sort());
    for (const { fn } of byName.values()) {
      expect(fn.Properties!.Runtime).toBe("nodejs22.x");
      expect(fn.Properties!.Architectures).toEqual(["arm64"]);
      expect(fn.Properties!.Handler).toBe("index.handler");
      expect((fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables.NODE_OPTIONS).toBe("--enable-source-maps");
    }
  });

  it("lets no function put over, change or delete an entry of the audit log: writers may only insert", () => {
    const statements = Object.values(resourcesOf(template, "AWS::IAM::ManagedPolicy")).flatMap(
      (policy) => (policy.Properties!.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement,
    );
    const writers = statements.filter((st) => st.Effect === "Allow" && [st.Action].flat().includes("dynamodb:PutItem"));
    const denials = statements.filter(
      (st) =>
        st.Effect === "Deny" &&
        JSON.stringify(st.Condition) === JSON.stringify({ "ForAnyValue:StringLike": { "dynamodb:LeadingKeys": ["AUDIT#*"] } }),
    );
    expect(writers.length).toBeGreaterThan(0);
    expect(denials).toHaveLength(writers.length);
    for (const denial of denials) {
      expect([denial.Action].flat()).toEqual(
        expect.arrayContaining(["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete"]),
      );
      expect([denial.Action].flat()).not.toContain("dynamodb:PartiQLInsert");
    }
    for (const writer of writers) expect([writer.Action].flat()).toContain("dynamodb:PartiQLInsert");
  });

  it("passes the table, the validated deployment and the journey's ARN in the environment", () => {
    for (const { fn } of functionsByName().values()) {
      const env = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.TABLE_NAME).toEqual(oslo.resolve(oslo.data.table.tableName));
      expect(deploymentSchema.parse(JSON.parse(env.IPSFLOW_DEPLOYMENT as string))).toEqual(osloDeployment);
      expect(env.JOURNEY_STATE_MACHINE_ARN).toEqual(oslo.resolve(oslo.journeyStateMachineArn));
      expect(env.POWERTOOLS_SERVICE_NAME).toBe("ipsflow");
      expect(env.LOG_LEVEL).toBe("INFO");
    }
    // Built from the name (no reference, hence no cycle), it is the ARN the journey state machine gets.
    const journeyArn = oslo.resolve(oslo.journeyStateMachineArn) as { "Fn::Join": [string, unknown[]] };
    expect(JSON.stringify(journeyArn)).toContain(`:stateMachine:${stateMachineName("oslo", "journey")}`);
    expect(JSON.stringify(journeyArn)).not.toContain("Ref\":\"Journey");
  });

  it("gives the functions the app's URL for links: the deployment's baseUrl, or the distribution's domain", () => {
    const dublin = synthesis.templates.get("Ipsflow-dublin")!;
    const [distributionId] = onlyResource(dublin, "AWS::CloudFront::Distribution");
    const dublinFunctions = [...functionsByName(dublin).values()];
    expect(dublinFunctions).toHaveLength(functionSpecs.length);
    for (const { fn } of dublinFunctions) {
      const env = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      // A CloudFormation join: the deployment's JSON around the distribution's domain name.
      const [separator, parts] = (env.IPSFLOW_DEPLOYMENT as { "Fn::Join": [string, unknown[]] })["Fn::Join"];
      expect(parts).toContainEqual({ "Fn::GetAtt": [distributionId, "DomainName"] });
      const json = parts.map((part) => (typeof part === "string" ? part : "d111111abcdef8.cloudfront.net")).join(separator);
      expect(deploymentSchema.parse(JSON.parse(json))).toEqual({ ...dublinDeployment, baseUrl: "https://d111111abcdef8.cloudfront.net" });
    }
    for (const { fn } of functionsByName().values()) {
      const env = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(JSON.parse(env.IPSFLOW_DEPLOYMENT as string).baseUrl).toBe("https://ips.oslo.example.org");
    }
  });

  it("logs to its own KMS-encrypted log group with a retention", () => {
    const groups = resourcesOf(template, "AWS::Logs::LogGroup");
    for (const { fn } of functionsByName().values()) {
      const logGroupId = logicalIdOf((fn.Properties!.LoggingConfig as { LogGroup: unknown }).LogGroup);
      const group = groups[logGroupId].Properties!;
      expect(group.LogGroupName).toBe(`/aws/lambda/${fn.Properties!.FunctionName as string}`);
      expect(group.KmsKeyId).toBeDefined();
      expect(group.RetentionInDays).toBe(365);
    }
  });

  it("publishes a live alias of every function", () => {
    const aliases = Object.values(resourcesOf(template, "AWS::Lambda::Alias"));
    expect(aliases).toHaveLength(functionSpecs.length);
    expect(aliases.every((alias) => alias.Properties!.Name === "live")).toBe(true);
  });

  it("grants each function what its registry entry declares, and nothing on '*'", () => {
    const byName = functionsByName();
    const journey = stateMachineName("oslo", "journey");
    for (const spec of functionSpecs) {
      const { fn } = byName.get(functionName("oslo", spec.name))!;
      const statements = statementsOfRole(template, logicalIdOf(fn.Properties!.Role));
      const actions = actionsOf(statements);
      const has = (action: string) => actions.includes(action);

      expect(has("dynamodb:Query"), spec.name).toBe(spec.table !== "none");
      expect(dynamoDbWrites.filter(has), spec.name).toEqual(spec.table === "readWrite" ? dynamoDbWrites : []);
      expect(has("ses:SendEmail"), spec.name).toBe(Boolean(spec.sendsEmail));
      expect(has("states:StartExecution"), spec.name).toBe(Boolean(spec.startsJourneys));
      expect(has("states:SendTaskSuccess"), spec.name).toBe(Boolean(spec.wakesJourneys));
      expect(has("states:DescribeExecution"), spec.name).toBe(Boolean(spec.readsJourneys));
      expect(has("states:StopExecution"), spec.name).toBe(Boolean((spec as { stopsJourneys?: boolean }).stopsJourneys));
      const families = new Set(actions.map((action) => action.split(":")[0]));
      for (const family of families) expect(["dynamodb", "kms", "logs", "ses", "states", "sqs"], `${spec.name}: ${family}`).toContain(family);
      for (const statement of statements) {
        expect([statement.Resource].flat(), spec.name).not.toContain("*");
        if ([statement.Action].flat().some((action) => action.startsWith("states:"))) {
          expect(JSON.stringify(statement.Resource), spec.name).toMatch(new RegExp(`:(stateMachine|execution):${journey}(:\\*)?"`));
        }
      }
    }
  });

  it("gives journey-continue no access to the table: it only starts the journey's next generation", () => {
    const { fn } = functionsByName().get(functionName("oslo", "journey-continue"))!;
    const statements = statementsOfRole(template, logicalIdOf(fn.Properties!.Role));
    const actions = actionsOf(statements);
    expect(actions.filter((action) => action.startsWith("dynamodb:"))).toEqual([]);
    expect(JSON.stringify(statements)).not.toContain(logicalIdOf(oslo.resolve(oslo.data.table.tableArn)));
    expect(actions).toEqual(["kms:Decrypt", "kms:GenerateDataKey", "logs:CreateLogStream", "logs:PutLogEvents", "states:StartExecution"]);
    // The data key (the table's key too) only for the journey's own execution data, never for table items.
    for (const statement of statements.filter((candidate) => [candidate.Action].flat().some((action) => action.startsWith("kms:")))) {
      expect(statement.Condition).toEqual({
        StringEquals: { "kms:EncryptionContext:aws:states:stateMachineArn": oslo.resolve(oslo.journeyStateMachineArn) },
      });
    }
  });

  it("can use the keys of a state machine only in that state machine's encryption context", () => {
    const api = functionsByName().get(functionName("oslo", "api"))!;
    const kmsForStates = statementsOfRole(template, logicalIdOf(api.fn.Properties!.Role)).filter(
      (statement) => statement.Condition && JSON.stringify(statement.Condition).includes("aws:states:stateMachineArn"),
    );
    expect(kmsForStates.length).toBeGreaterThan(0);
    for (const statement of kmsForStates) {
      expect(statement.Condition).toEqual({
        StringEquals: { "kms:EncryptionContext:aws:states:stateMachineArn": oslo.resolve(oslo.journeyStateMachineArn) },
      });
    }
  });
});

describe("workflows", () => {
  const machines = () =>
    new Map(
      Object.entries(resourcesOf(template, "AWS::StepFunctions::StateMachine")).map(([id, machine]) => [
        machine.Properties!.StateMachineName as string,
        { id, machine },
      ]),
    );

  it("deploys exactly the definitions the local engine runs, with a substitution for every placeholder", () => {
    const aliases = resourcesOf(template, "AWS::Lambda::Alias");
    for (const workflow of workflowNames) {
      const { machine } = machines().get(stateMachineName("oslo", workflow))!;
      // What local/system.ts hands the local engine: the ASL file with the retry policy put in.
      const file = readWorkflowDefinition(projectRoot, workflow).text;
      expect(JSON.parse(machine.Properties!.DefinitionString as string), workflow).toEqual(JSON.parse(file));
      const substitutions = machine.Properties!.DefinitionSubstitutions as Record<string, unknown>;
      expect(Object.keys(substitutions).sort(), workflow).toEqual(definitionPlaceholders(file));
      for (const [key, value] of Object.entries(substitutions)) {
        if (key === "JourneyStateMachineArn") continue;
        if (key === "TableName") {
          // The journey's await writes its token itself, to the deployment's table.
          expect(value, workflow).toEqual(oslo.resolve(oslo.data.table.tableName));
          continue;
        }
        // Lambda tasks call the live alias, so executions run published versions.
        expect(aliases[logicalIdOf(value)]?.Properties?.Name, `${workflow}: ${key}`).toBe("live");
        const spec = functionSpecs.find((candidate) => substitutionKey(candidate.name) === key);
        expect(spec, `${workflow}: ${key}`).toBeDefined();
      }
    }
  });

  it("lets each state machine invoke exactly the aliases its definition names (and, for journeys, those the previous definition named)", () => {
    const aliases = resourcesOf(template, "AWS::Lambda::Alias");
    for (const workflow of workflowNames) {
      const { machine } = machines().get(stateMachineName("oslo", workflow))!;
      const substitutions = machine.Properties!.DefinitionSubstitutions as Record<string, unknown>;
      const invoke = statementsOfRole(template, logicalIdOf(machine.Properties!.RoleArn)).filter((statement) =>
        [statement.Action].flat().includes("lambda:InvokeFunction"),
      );
      const allowed = invoke.flatMap((statement) => [statement.Resource].flat());
      const named = Object.entries(substitutions)
        .filter(([key]) => key.endsWith("FunctionArn"))
        .map(([, value]) => value);
      const previous = allowed.filter((value) => !named.some((n) => JSON.stringify(n) === JSON.stringify(value)));
      expect(allowed.length - previous.length, workflow).toBe(named.length);
      const previousFunctions = previous.map((value) => {
        const alias = aliases[logicalIdOf(value)]!;
        return (resourcesOf(template, "AWS::Lambda::Function")[logicalIdOf(alias.Properties!.FunctionName)]!.Properties!.FunctionName as string);
      });
      expect(previousFunctions.sort(), workflow).toEqual(workflow === "journey" ? [functionName("oslo", "journey-park"), functionName("oslo", "journey-record")] : []);
    }
  });

  it("lets the journey's await write only participants' items of the table: UpdateItem, under the participant key prefix", () => {
    const { machine } = machines().get(stateMachineName("oslo", "journey"))!;
    const statements = statementsOfRole(template, logicalIdOf(machine.Properties!.RoleArn));
    const tableArn = oslo.resolve(oslo.data.table.tableArn);
    const onTable = statements.filter((statement) => JSON.stringify(statement.Resource).includes(logicalIdOf(tableArn)));
    expect(onTable).toEqual([
      expect.objectContaining({
        Action: "dynamodb:UpdateItem",
        Effect: "Allow",
        Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["PARTICIPANT#*"] } },
      }),
    ]);
    // The table key only through DynamoDB.
    const keyStatement = statements.find((statement) => statement.Sid === "JourneyAwaitTableKey");
    expect(keyStatement?.Condition).toEqual({ StringEquals: { "kms:ViaService": "dynamodb.eu-north-1.amazonaws.com" } });
    for (const workflow of ["digest", "summary"] as const) {
      const other = machines().get(stateMachineName("oslo", workflow))!.machine;
      const theirs = statementsOfRole(template, logicalIdOf(other.Properties!.RoleArn));
      expect(JSON.stringify(theirs), workflow).not.toContain("dynamodb:");
    }
  });

  it("runs them as Standard state machines: stable names, the data key, logs without execution data, X-Ray, retained", () => {
    for (const workflow of workflowNames) {
      const { machine } = machines().get(stateMachineName("oslo", workflow))!;
      const props = machine.Properties!;
      expect(props.StateMachineType).toBe("STANDARD");
      expect(props.EncryptionConfiguration).toEqual(
        expect.objectContaining({ Type: "CUSTOMER_MANAGED_KMS_KEY", KmsKeyId: oslo.resolve(oslo.keys.data.keyArn) }),
      );
      const logging = props.LoggingConfiguration as { Level: string; IncludeExecutionData: boolean; Destinations: Array<{ CloudWatchLogsLogGroup: { LogGroupArn: unknown } }> };
      expect(["ALL", "ERROR"]).toContain(logging.Level);
      expect(logging.IncludeExecutionData).toBe(false);
      const group = resourcesOf(template, "AWS::Logs::LogGroup")[logicalIdOf(logging.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn)];
      expect(group.Properties!.KmsKeyId).toBeDefined();
      expect(props.TracingConfiguration).toEqual({ Enabled: true });
      expect(machine.DeletionPolicy).toBe("Retain");
      expect(machine.UpdateReplacePolicy).toBe("Retain");
    }
  });
});

describe("schedules", () => {
  const schedules = (stackTemplate: Template) =>
    new Map(Object.values(resourcesOf(stackTemplate, "AWS::Scheduler::Schedule")).map((schedule) => [schedule.Properties!.Name as string, schedule.Properties!]));

  it("starts the digest and the summary at local times of each deployment's zone", () => {
    for (const [deployment, stackTemplate] of [
      [osloDeployment, template],
      [dublinDeployment, synthesis.templates.get("Ipsflow-dublin")!],
    ] as const) {
      const byName = schedules(stackTemplate);
      for (const [workflow, expected] of [
        ["digest", digestSchedule(deployment)],
        ["summary", summarySchedule(deployment)],
      ] as const) {
        const schedule = byName.get(`ipsflow-${deployment.name}-${workflow}`)!;
        expect(schedule.ScheduleExpression).toBe(expected.expression);
        expect(schedule.ScheduleExpressionTimezone).toBe(deployment.timeZone);
        const target = schedule.Target as Record<string, unknown>;
        const machine = resourcesOf(stackTemplate, "AWS::StepFunctions::StateMachine")[logicalIdOf(target.Arn)];
        expect(machine.Properties!.StateMachineName).toBe(stateMachineName(deployment.name, workflow));
        expect(JSON.parse(target.Input as string)).toEqual({ scheduledTime: "<aws.scheduler.scheduled-time>" });
        expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 7200, MaximumRetryAttempts: 20 });
        expect(target.DeadLetterConfig).toEqual({ Arn: oslo.resolve(oslo.deadLetterQueues.schedules.queueArn) });
      }
    }
    expect(schedules(template).get("ipsflow-oslo-digest")!.ScheduleExpression).toBe("cron(0 8 ? * MON-FRI *)");
    expect(schedules(synthesis.templates.get("Ipsflow-dublin")!).get("ipsflow-dublin-summary")!.ScheduleExpression).toBe("cron(30 8 ? * TUE *)");
  });

  it("lets only this account's schedules assume the schedule roles", () => {
    for (const schedule of schedules(template).values()) {
      const role = resourcesOf(template, "AWS::IAM::Role")[logicalIdOf((schedule.Target as { RoleArn: unknown }).RoleArn)];
      const [statement] = (role.Properties!.AssumeRolePolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
      expect(statement.Principal).toEqual({ Service: "scheduler.amazonaws.com" });
      expect(Object.keys((statement.Condition as { StringEquals: object }).StringEquals).sort()).toEqual(["aws:SourceAccount", "aws:SourceArn"]);
    }
  });

  it("keeps dead letters in KMS-encrypted queues that refuse plain HTTP", () => {
    for (const queue of Object.values(resourcesOf(template, "AWS::SQS::Queue"))) {
      expect(queue.Properties!.KmsMasterKeyId).toEqual(oslo.resolve(oslo.keys.data.keyArn));
    }
    for (const policy of Object.values(resourcesOf(template, "AWS::SQS::QueuePolicy"))) {
      expect((policy.Properties!.PolicyDocument as { Statement: unknown[] }).Statement).toContainEqual(
        expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      );
    }
  });
});

describe("email", () => {
  it("sends from the deployment's address through a TLS-only configuration set with the suppression list", () => {
    const [, identity] = onlyResource(template, "AWS::SES::EmailIdentity");
    expect(identity.Properties!.EmailIdentity).toBe(osloDeployment.senderEmail);
    const [configurationSetId, configurationSet] = onlyResource(template, "AWS::SES::ConfigurationSet");
    expect(identity.Properties!.ConfigurationSetAttributes).toEqual({ ConfigurationSetName: { Ref: configurationSetId } });
    expect(configurationSet.Properties!.DeliveryOptions).toEqual({ TlsPolicy: "REQUIRE" });
    expect(configurationSet.Properties!.SuppressionOptions).toEqual({ SuppressedReasons: ["BOUNCE", "COMPLAINT"] });
  });

  it("publishes bounces and complaints to an encrypted topic that the ses-events function records", () => {
    const [, destination] = onlyResource(template, "AWS::SES::ConfigurationSetEventDestination");
    const eventDestination = destination.Properties!.EventDestination as { MatchingEventTypes: string[]; SnsDestination: { TopicARN: unknown } };
    expect(eventDestination.MatchingEventTypes.map((type) => type.toUpperCase()).sort()).toEqual(["BOUNCE", "COMPLAINT"]);
    const topic = resourcesOf(template, "AWS::SNS::Topic")[logicalIdOf(eventDestination.SnsDestination.TopicARN)];
    expect(topic.Properties!.KmsMasterKeyId).toEqual(oslo.resolve(oslo.keys.notifications.keyArn));
    template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "lambda",
      TopicArn: eventDestination.SnsDestination.TopicARN,
      Endpoint: oslo.resolve(oslo.functions.get("ses-events")!.alias.functionArn),
    });
  });
});

describe("api", () => {
  it("keeps users to those admins create, with strong passwords, MFA and threat protection", () => {
    const [, pool] = onlyResource(template, "AWS::Cognito::UserPool");
    const props = pool.Properties!;
    expect(props.AdminCreateUserConfig).toEqual(expect.objectContaining({ AllowAdminCreateUserOnly: true }));
    expect(props.MfaConfiguration).toBe("ON");
    expect(props.EnabledMfas).toEqual(["SOFTWARE_TOKEN_MFA"]);
    expect((props.Policies as { PasswordPolicy: Record<string, unknown> }).PasswordPolicy).toEqual(
      expect.objectContaining({ MinimumLength: 14, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }),
    );
    expect(props.UserPoolTier).toBe("PLUS");
    expect(props.UserPoolAddOns).toEqual({ AdvancedSecurityMode: "ENFORCED" });
    expect(props.DeletionProtection).toBe("ACTIVE");
    expect(pool.DeletionPolicy).toBe("Retain");
    const schema = props.Schema as Array<{ Name: string; Mutable: boolean }>;
    expect(schema.filter((attribute) => ["specialistId", "teamId"].includes(attribute.Name)).map((attribute) => attribute.Name).sort()).toEqual([
      "specialistId",
      "teamId",
    ]);
  });

  it("has the admin, specialist and team groups", () => {
    const groups = Object.values(resourcesOf(template, "AWS::Cognito::UserPoolGroup")).map((group) => group.Properties!.GroupName);
    expect(groups.sort()).toEqual(["admin", "specialist", "team"]);
  });

  it("does not let users write the attributes that decide what they may see", () => {
    const [, client] = onlyResource(template, "AWS::Cognito::UserPoolClient");
    expect(client.Properties!.WriteAttributes).toEqual(["locale"]);
    expect(client.Properties!.ReadAttributes).toEqual(expect.arrayContaining(["custom:specialistId", "custom:teamId"]));
    expect(client.Properties!.GenerateSecret).toBe(false);
  });

  it("routes every request to the api alias behind the Cognito JWT authorizer, the reports to theirs, and the OpenAPI document to its own, without", () => {
    const [authorizerId, authorizer] = onlyResource(template, "AWS::ApiGatewayV2::Authorizer");
    expect(authorizer.Properties!.AuthorizerType).toBe("JWT");
    const [clientId] = onlyResource(template, "AWS::Cognito::UserPoolClient");
    expect((authorizer.Properties!.JwtConfiguration as { Audience: unknown[] }).Audience).toEqual([{ Ref: clientId }]);
    /** The routes the reports function serves. */
    const reportsServe = [
      "GET /participants/{id}/report",
      "GET /reports/outcomes",
      "GET /reports/outcomes/quarters",
      "GET /teams/{id}/fidelity",
      "GET /teams/{id}/summary",
      "GET /teams/{id}/summary/preview",
    ];
    const routes = Object.values(resourcesOf(template, "AWS::ApiGatewayV2::Route")).map((route) => route.Properties!);
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(["$default", "GET /openapi.json", ...reportsServe]);
    // One integration per function: the route table's report routes go to the reports function,
    // the OpenAPI document to the openapi function.
    const integrations = Object.entries(resourcesOf(template, "AWS::ApiGatewayV2::Integration"));
    expect(integrations).toHaveLength(3);
    const integrationOf = (name: "api" | "reports" | "openapi") =>
      integrations.find(([, integration]) => JSON.stringify(integration.Properties!.IntegrationUri) === JSON.stringify(oslo.resolve(oslo.functions.get(name)!.alias.functionArn)))![0];
    const served = routeTable(() => {
      throw new Error("no deps needed to list the routes");
    });
    const reportKeys = served.filter((route) => route.function === "reports").map(routeKey);
    expect(reportKeys.sort()).toEqual(reportsServe);
    expect(served.filter((route) => route.function === "openapi").map(routeKey)).toEqual(["GET /openapi.json"]);
    for (const route of routes) {
      const integrationId = reportKeys.includes(route.RouteKey as string)
        ? integrationOf("reports")
        : route.RouteKey === "GET /openapi.json"
          ? integrationOf("openapi")
          : integrationOf("api");
      expect(route.Target).toEqual({ "Fn::Join": ["", ["integrations/", { Ref: integrationId }]] });
      if (route.RouteKey === "GET /openapi.json") {
        // Readable without signing in, as it is locally.
        expect(route.AuthorizationType).toBe("NONE");
        expect(route.AuthorizerId).toBeUndefined();
      } else {
        expect(route.AuthorizationType).toBe("JWT");
        expect(route.AuthorizerId).toEqual({ Ref: authorizerId });
      }
    }
    // The routes AWS serves without a token are exactly those the local runtime does, so the
    // access matrix tested locally (test/e2e/access.test.ts) holds for the stack too.
    const publicInStack = routes.filter((route) => route.AuthorizationType === "NONE").map((route) => route.RouteKey);
    expect(publicInStack.sort()).toEqual([...publicRoutes].sort());
  });

  it("accepts browser calls from the deployment's own web app only, with the methods and headers the app uses", () => {
    const cors = (stackTemplate: Template) =>
      onlyResource(stackTemplate, "AWS::ApiGatewayV2::Api")[1].Properties!.CorsConfiguration as Record<string, unknown>;
    expect(cors(template).AllowOrigins).toEqual(["https://ips.oslo.example.org"]);
    const dublin = synthesis.templates.get("Ipsflow-dublin")!;
    const [distributionId] = onlyResource(dublin, "AWS::CloudFront::Distribution");
    expect(cors(dublin).AllowOrigins).toEqual([{ "Fn::Join": ["", ["https://", { "Fn::GetAtt": [distributionId, "DomainName"] }]] }]);
    for (const stackTemplate of [template, dublin]) {
      expect((cors(stackTemplate).AllowMethods as string[]).sort()).toEqual(["DELETE", "GET", "OPTIONS", "POST"]);
      expect(cors(stackTemplate).AllowHeaders).toEqual(["authorization", "content-type", "idempotency-key"]);
      // The app follows the deployment's clock through the Date header, and names a saved report
      // by Content-Disposition; CORS hides both unless exposed.
      expect(cors(stackTemplate).ExposeHeaders).toEqual(["date", "content-disposition"]);
    }
  });

  it("throttles the stage and writes access logs to an encrypted log group", () => {
    const [, stage] = onlyResource(template, "AWS::ApiGatewayV2::Stage");
    expect(stage.Properties!.StageName).toBe("$default");
    expect(stage.Properties!.DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 });
    const accessLog = stage.Properties!.AccessLogSettings as { DestinationArn: unknown; Format: string };
    const group = resourcesOf(template, "AWS::Logs::LogGroup")[logicalIdOf(accessLog.DestinationArn)];
    expect(group.Properties!.KmsKeyId).toBeDefined();
    expect(Object.keys(JSON.parse(accessLog.Format))).toEqual(expect.arrayContaining(["requestId", "status", "user"]));
  });
});

describe("sign-in", () => {
  const dublin = () => synthesis.templates.get("Ipsflow-dublin")!;
  const appUrlOf = (stackTemplate: Template): unknown =>
    stackTemplate === template
      ? "https://ips.oslo.example.org"
      : { "Fn::GetAtt": [onlyResource(stackTemplate, "AWS::CloudFront::Distribution")[0], "DomainName"] };
  const withPath = (appUrl: unknown, path: string) =>
    typeof appUrl === "string" ? `${appUrl}${path}` : { "Fn::Join": ["", ["https://", appUrl, path]] };

  it("lets the web app sign in through managed login with the code flow only, back to the app's own pages", () => {
    for (const stackTemplate of [template, dublin()]) {
      const [, client] = onlyResource(stackTemplate, "AWS::Cognito::UserPoolClient");
      const props = client.Properties!;
      expect(props.AllowedOAuthFlows).toEqual(["code"]);
      expect(props.AllowedOAuthFlowsUserPoolClient).toBe(true);
      expect([...(props.AllowedOAuthScopes as string[])].sort()).toEqual(["email", "openid", "profile"]);
      expect(props.SupportedIdentityProviders).toEqual(["COGNITO"]);
      expect(props.CallbackURLs).toEqual([withPath(appUrlOf(stackTemplate), "/auth/callback")]);
      expect(props.LogoutURLs).toEqual([withPath(appUrlOf(stackTemplate), "/auth/signed-out")]);
      expect(props.GenerateSecret).toBe(false);
    }
  });

  it("hosts managed login on a Cognito domain derived from the deployment, styled by Cognito", () => {
    for (const [stackTemplate, deployment] of [
      [template, osloDeployment],
      [dublin(), dublinDeployment],
    ] as const) {
      const [poolId] = onlyResource(stackTemplate, "AWS::Cognito::UserPool");
      const [clientId] = onlyResource(stackTemplate, "AWS::Cognito::UserPoolClient");
      const [, domain] = onlyResource(stackTemplate, "AWS::Cognito::UserPoolDomain");
      expect(domain.Properties).toEqual({ Domain: signInDomainPrefix(deployment), ManagedLoginVersion: 2, UserPoolId: { Ref: poolId } });
      const [, branding] = onlyResource(stackTemplate, "AWS::Cognito::ManagedLoginBranding");
      expect(branding.Properties).toEqual({ UserPoolId: { Ref: poolId }, ClientId: { Ref: clientId }, UseCognitoProvidedValues: true });
    }
    expect(signInDomainPrefix(osloDeployment)).toMatch(/^ipsflow-oslo-[0-9a-f]{8}$/);
    expect(signInDomainPrefix(dublinDeployment)).not.toBe(signInDomainPrefix({ ...dublinDeployment, account: "333333333333" }));
  });
});

describe("web app", () => {
  const dublin = () => synthesis.templates.get("Ipsflow-dublin")!;
  const both = () =>
    [
      [template, osloDeployment],
      [dublin(), dublinDeployment],
    ] as const;
  const distributionConfig = (stackTemplate: Template) =>
    onlyResource(stackTemplate, "AWS::CloudFront::Distribution")[1].Properties!.DistributionConfig as Record<string, unknown>;
  const securityHeaders = (stackTemplate: Template) =>
    (onlyResource(stackTemplate, "AWS::CloudFront::ResponseHeadersPolicy")[1].Properties!.ResponseHeadersPolicyConfig as Record<string, unknown>)
      .SecurityHeadersConfig as Record<string, Record<string, unknown>>;
  /** The directives of a Content-Security-Policy: name -> sources. */
  const directives = (policy: string) =>
    new Map(
      policy.split(";").map((directive) => {
        const [name, ...sources] = directive.trim().split(/\s+/);
        return [name, sources] as const;
      }),
    );
  /** Whether a CSP source (an origin, possibly with a leading *. host wildcard) admits a URL. */
  const admits = (source: string, url: string) => {
    const { origin } = new URL(url);
    if (!source.includes("*")) return source === origin;
    const pattern = source.replace(/[.]/g, "\\.").replace("*", "[a-z0-9-]+");
    return new RegExp(`^${pattern}$`).test(origin);
  };
  const deploymentsOf = (stackTemplate: Template) => Object.entries(resourcesOf(stackTemplate, "Custom::CDKBucketDeployment"));
  const entryDeployment = (stackTemplate: Template) =>
    deploymentsOf(stackTemplate).find(([, deployment]) => !(deployment.Properties!.Include as unknown))!;
  const assetsDeployment = (stackTemplate: Template) =>
    deploymentsOf(stackTemplate).find(([, deployment]) => JSON.stringify(deployment.Properties!.Include) === JSON.stringify(["assets/*"]))!;
  const assetManifest = (stackName: string) =>
    JSON.parse(readFileSync(join(synthesis.outdir, `${stackName}.assets.json`), "utf8")) as {
      files: Record<string, { source: { path: string; packaging: string } }>;
    };
  /** The config.json the stack uploads, with its deploy-time values (markers) and what they resolve to. */
  const uploadedConfig = (stackTemplate: Template, stackName: string) => {
    const props = entryDeployment(stackTemplate)[1].Properties!;
    const hash = (props.SourceObjectKeys as string[])[1].replace(/\.zip$/, "");
    const dir = join(synthesis.outdir, assetManifest(stackName).files[hash].source.path);
    return {
      text: readFileSync(join(dir, "config.json"), "utf8"),
      markers: (props.SourceMarkers as Array<Record<string, unknown>>)[1],
    };
  };

  it("serves the app from a private, versioned, logged bucket through CloudFront with origin access control", () => {
    for (const [stackTemplate] of both()) {
      const config = distributionConfig(stackTemplate);
      const [origin] = config.Origins as Array<Record<string, unknown>>;
      const buckets = resourcesOf(stackTemplate, "AWS::S3::Bucket");
      const bucketId = logicalIdOf(origin.DomainName);
      const bucket = buckets[bucketId].Properties!;
      const oac = resourcesOf(stackTemplate, "AWS::CloudFront::OriginAccessControl")[logicalIdOf(origin.OriginAccessControlId)];
      expect(oac.Properties!.OriginAccessControlConfig).toEqual(
        expect.objectContaining({ OriginAccessControlOriginType: "s3", SigningBehavior: "always", SigningProtocol: "sigv4" }),
      );
      expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: "" });
      expect(bucket.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.VersioningConfiguration).toEqual({ Status: "Enabled" });
      const logBucketId = logicalIdOf((bucket.LoggingConfiguration as { DestinationBucketName: unknown }).DestinationBucketName);
      expect(buckets[logBucketId]).toBeDefined();
      expect((config.Logging as { Bucket: unknown }).Bucket).toEqual({ "Fn::GetAtt": [logBucketId, "RegionalDomainName"] });
      // Only this distribution may read the files, and only over TLS.
      const policies = Object.values(resourcesOf(stackTemplate, "AWS::S3::BucketPolicy")).filter(
        (policy) => JSON.stringify(policy.Properties!.Bucket) === JSON.stringify({ Ref: bucketId }),
      );
      const statements = policies.flatMap((policy) => (policy.Properties!.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement);
      expect(statements).toContainEqual(expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }));
      const read = statements.find((statement) => JSON.stringify(statement.Principal) === JSON.stringify({ Service: "cloudfront.amazonaws.com" }))!;
      expect(read.Action).toBe("s3:GetObject");
      expect(JSON.stringify(read.Condition)).toContain(onlyResource(stackTemplate, "AWS::CloudFront::Distribution")[0]);
      for (const candidate of Object.values(buckets)) expect(candidate.Properties!.PublicAccessBlockConfiguration).toBeDefined();
    }
  });

  it("is a single-page app over HTTPS: index.html at the root and for every path that is no file, HTTP/2 and 3", () => {
    for (const [stackTemplate] of both()) {
      const config = distributionConfig(stackTemplate);
      expect(config.DefaultRootObject).toBe("index.html");
      expect(config.CustomErrorResponses).toEqual(
        [403, 404].map((code) => ({ ErrorCode: code, ResponseCode: 200, ResponsePagePath: "/index.html", ErrorCachingMinTTL: 0 })),
      );
      const behavior = config.DefaultCacheBehavior as Record<string, unknown>;
      expect(behavior.ViewerProtocolPolicy).toBe("redirect-to-https");
      expect(behavior.AllowedMethods).toEqual(["GET", "HEAD"]);
      expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: onlyResource(stackTemplate, "AWS::CloudFront::ResponseHeadersPolicy")[0] });
      expect(config.HttpVersion).toBe("http2and3");
    }
  });

  it("answers on the deployment's own domain with its certificate and TLS 1.2 (2021) when baseUrl is given, else on its CloudFront domain", () => {
    const oslo = distributionConfig(template);
    expect(oslo.Aliases).toEqual(["ips.oslo.example.org"]);
    expect(oslo.ViewerCertificate).toEqual({
      AcmCertificateArn: osloDeployment.webCertificateArn,
      MinimumProtocolVersion: "TLSv1.2_2021",
      SslSupportMethod: "sni-only",
    });
    const dublinConfig = distributionConfig(dublin());
    expect(dublinConfig.Aliases).toBeUndefined();
    expect(dublinConfig.ViewerCertificate).toBeUndefined();
    const outputs = (stackTemplate: Template) => stackTemplate.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs(template).AppUrl.Value).toBe("https://ips.oslo.example.org");
    expect(outputs(dublin()).AppUrl.Value).toEqual({
      "Fn::Join": ["", ["https://", { "Fn::GetAtt": [onlyResource(dublin(), "AWS::CloudFront::Distribution")[0], "DomainName"] }]],
    });
  });

  it("sends the security headers, with a CSP that allows the app's own files only and connections to its API and Cognito", () => {
    for (const [stackTemplate, deployment] of both()) {
      const headers = securityHeaders(stackTemplate);
      const policy = headers.ContentSecurityPolicy.ContentSecurityPolicy as string;
      expect(headers.ContentSecurityPolicy.Override).toBe(true);
      expect(policy).not.toContain("unsafe-inline");
      expect(policy).not.toContain("unsafe-eval");
      const csp = directives(policy);
      expect(csp.get("default-src")).toEqual(["'self'"]);
      expect(csp.get("script-src")).toEqual(["'self'"]);
      expect(csp.get("style-src")).toEqual(["'self'"]);
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      const connect = csp.get("connect-src")!;
      const connects = (url: string) => connect.some((source) => admits(source, url));
      const region = deployment.region;
      expect(connects(`https://a1b2c3d4e5.execute-api.${region}.amazonaws.com/teams`), "the API").toBe(true);
      expect(connects(`https://cognito-idp.${region}.amazonaws.com/${region}_AbCdEf123/.well-known/openid-configuration`), "the issuer").toBe(true);
      expect(connects(`https://${signInDomainPrefix(deployment)}.auth.${region}.amazoncognito.com/oauth2/token`), "the sign-in domain").toBe(true);
      expect(connects("https://attacker.example.org/"), "anywhere else").toBe(false);
      expect(connects(`https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/`), "another region's APIs").toBe(region === "us-east-1");
      expect(headers.StrictTransportSecurity).toEqual(expect.objectContaining({ AccessControlMaxAgeSec: 63_072_000, Override: true }));
      expect(headers.ContentTypeOptions).toEqual({ Override: true });
      expect(headers.FrameOptions).toEqual({ FrameOption: "DENY", Override: true });
      expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: "no-referrer", Override: true });
    }
  });

  it("uploads the one build: assets cached for a year, index.html and config.json revalidated and invalidated at each deploy", () => {
    for (const [stackTemplate, deployment] of both()) {
      const stackName = `Ipsflow-${deployment.name}`;
      const [assetsId, assets] = assetsDeployment(stackTemplate);
      const [, entry] = entryDeployment(stackTemplate);
      expect(deploymentsOf(stackTemplate)).toHaveLength(2);
      const [bucketId] = Object.entries(resourcesOf(stackTemplate, "AWS::S3::Bucket")).find(([, bucket]) => bucket.Properties!.LoggingConfiguration)!;
      for (const upload of [assets, entry]) expect(upload.Properties!.DestinationBucketName).toEqual({ Ref: bucketId });
      expect(assets.Properties!.Exclude).toEqual(["*"]);
      expect(assets.Properties!.Prune).toBe(false);
      expect(assets.Properties!.SystemMetadata).toEqual({ "cache-control": "public, max-age=31536000, immutable" });
      expect(entry.Properties!.Exclude).toEqual(["assets/*"]);
      expect(entry.Properties!.SystemMetadata).toEqual({ "cache-control": "no-cache" });
      expect(entry.Properties!.DistributionId).toEqual({ Ref: onlyResource(stackTemplate, "AWS::CloudFront::Distribution")[0] });
      expect(entry.Properties!.DistributionPaths).toEqual(expect.arrayContaining(["/index.html", "/config.json"]));
      expect(JSON.stringify(stackTemplate.toJSON().Resources[entryDeployment(stackTemplate)[0]].DependsOn)).toContain(assetsId);
      // Both upload the web app's asset: built from web/ (the build itself is checked in bundling.test.ts).
      const appKey = (assets.Properties!.SourceObjectKeys as string[])[0];
      expect((entry.Properties!.SourceObjectKeys as string[])[0]).toBe(appKey);
      expect(assetManifest(stackName).files[appKey.replace(/\.zip$/, "")].source.path).toBe(join(projectRoot, "web"));
    }
  });

  it("writes a config.json the app accepts, naming this deployment's API, user pool, client and sign-in domain", () => {
    for (const [stackTemplate, deployment] of both()) {
      const { text, markers } = uploadedConfig(stackTemplate, `Ipsflow-${deployment.name}`);
      const [apiId] = onlyResource(stackTemplate, "AWS::ApiGatewayV2::Api");
      const [poolId] = onlyResource(stackTemplate, "AWS::Cognito::UserPool");
      const [clientId] = onlyResource(stackTemplate, "AWS::Cognito::UserPoolClient");
      const [domainId] = onlyResource(stackTemplate, "AWS::Cognito::UserPoolDomain");
      // What each deploy-time value is, and a value of its kind for checking the file against the app's schema.
      const known = [
        [{ "Fn::GetAtt": [apiId, "ApiEndpoint"] }, `https://a1b2c3d4e5.execute-api.${deployment.region}.amazonaws.com`],
        [{ Ref: poolId }, `${deployment.region}_AbCdEf123`],
        [{ Ref: clientId }, "4example0client1id2"],
        [{ Ref: domainId }, signInDomainPrefix(deployment)],
      ] as const;
      let resolved = text;
      for (const [marker, value] of Object.entries(markers)) {
        const kind = known.find(([token]) => JSON.stringify(token) === JSON.stringify(value));
        expect(kind, `${marker} = ${JSON.stringify(value)}`).toBeDefined();
        resolved = resolved.replaceAll(marker, kind![1]);
      }
      expect(Object.keys(markers)).toHaveLength(known.length);
      const config = webAppConfigSchema.parse(JSON.parse(resolved));
      expect(config).toEqual({
        apiUrl: `https://a1b2c3d4e5.execute-api.${deployment.region}.amazonaws.com`,
        timeZone: deployment.timeZone,
        locale: deployment.locale,
        auth: {
          mode: "cognito",
          authority: `https://cognito-idp.${deployment.region}.amazonaws.com/${deployment.region}_AbCdEf123`,
          clientId: "4example0client1id2",
          signInDomain: `https://${signInDomainPrefix(deployment)}.auth.${deployment.region}.amazoncognito.com`,
        },
      });
      // The API the app calls is the one the CSP lets it reach.
      const connect = directives(securityHeaders(stackTemplate).ContentSecurityPolicy.ContentSecurityPolicy as string).get("connect-src")!;
      for (const url of [config.apiUrl, config.auth.mode === "cognito" ? config.auth.signInDomain : ""]) {
        expect(connect.some((source) => admits(source, url)), url).toBe(true);
      }
    }
  });
});

describe("alarms", () => {
  const alarms = () => Object.values(resourcesOf(template, "AWS::CloudWatch::Alarm")).map((alarm) => alarm.Properties!);
  const named = (suffix: string) => alarms().find((alarm) => alarm.AlarmName === `ipsflow-oslo-${suffix}`)!;

  it("mails the admins through a KMS-encrypted topic", () => {
    const topics = resourcesOf(template, "AWS::SNS::Topic");
    const [topicId, topic] = Object.entries(topics).find(([, candidate]) => candidate.Properties!.TopicName === "ipsflow-oslo-alarms")!;
    expect(topic.Properties!.KmsMasterKeyId).toEqual(oslo.resolve(oslo.keys.notifications.keyArn));
    const emails = Object.values(resourcesOf(template, "AWS::SNS::Subscription"))
      .filter((subscription) => subscription.Properties!.Protocol === "email")
      .map((subscription) => [subscription.Properties!.Endpoint, logicalIdOf(subscription.Properties!.TopicArn)]);
    expect(emails).toEqual(osloDeployment.adminEmails.map((email) => [email, topicId]));
    for (const alarm of alarms()) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
  });

  it("watches failed executions, function errors, dead letters and the SES bounce rate", () => {
    for (const workflow of workflowNames) expect(JSON.stringify(named(`${workflow}-failed`).Metrics)).toContain("ExecutionsFailed");
    for (const spec of functionSpecs) expect(named(`${spec.name}-errors`).MetricName).toBe("Errors");
    expect(named("schedule-dead-letters").MetricName).toBe("ApproximateNumberOfMessagesVisible");
    expect(named("email-event-dead-letters").MetricName).toBe("ApproximateNumberOfMessagesVisible");
    expect(named("ses-bounce-rate")).toEqual(expect.objectContaining({ Namespace: "AWS/SES", MetricName: "Reputation.BounceRate", Threshold: 0.05 }));
  });

  it("raises an alarm when journeys stop checking in, counting silence as breaching", () => {
    expect(named("journeys-silent")).toEqual(
      expect.objectContaining({
        Namespace: journeyCheckInMetric.namespace,
        MetricName: journeyCheckInMetric.metricName,
        Dimensions: [
          { Name: journeyCheckInMetric.dimension, Value: "oslo" },
          { Name: "service", Value: journeyCheckInMetric.service },
        ],
        ComparisonOperator: "LessThanThreshold",
        Threshold: 1,
        Period: 86_400,
        EvaluationPeriods: 7,
        TreatMissingData: "breaching",
      }),
    );
  });

  it("watches the very metric journey-park emits", () => {
    const lines: string[] = [];
    vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false"); // the test run silences metrics
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
    try {
      journeyCheckIns()("oslo");
    } finally {
      write.mockRestore();
      vi.unstubAllEnvs();
    }
    const emf = JSON.parse(lines.join("")) as {
      _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string }> }> };
    } & Record<string, unknown>;
    const [directive] = emf._aws.CloudWatchMetrics;
    const alarm = named("journeys-silent");
    expect(directive.Namespace).toBe(alarm.Namespace);
    expect(directive.Metrics.map((metric) => metric.Name)).toEqual([alarm.MetricName]);
    // The alarm names every dimension the line carries, with the same values.
    const dimensions = alarm.Dimensions as Array<{ Name: string; Value: string }>;
    expect([...directive.Dimensions[0]].sort()).toEqual(dimensions.map((d) => d.Name).sort());
    for (const { Name, Value } of dimensions) expect(emf[Name], Name).toBe(Value);
  });
});

it("outputs what an admin needs after deploying", () => {
  const outputs = Object.keys(template.toJSON().Outputs ?? {});
  for (const name of ["AppUrl", "ApiUrl", "UserPoolId", "UserPoolClientId", "SignInDomain", "TableName"]) {
    expect(outputs.some((output) => output.includes(name)), name).toBe(true);
  }
});
