import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import aslValidator from "asl-validator";
import { describe, expect, it } from "vitest";
import { functionName, stateMachineName, substitutionKey } from "../../adapters/function-names";
import { functionSpecs } from "../../infra/functions";
import { projectRoot } from "../../infra/paths";
import { definitionPlaceholders, readWorkflowDefinition, workflowNames, type WorkflowName } from "../../workflows/definitions";
import { awaitUpdate } from "../../adapters/stepfunctions/journey-await";

/** What CloudFormation puts in place of each placeholder, in the shape it has in AWS. */
const deployedValues: Record<string, string> = {
  ...Object.fromEntries(
    functionSpecs.map((spec) => [
      substitutionKey(spec.name),
      `arn:aws:lambda:eu-north-1:111111111111:function:${functionName("oslo", spec.name)}:live`,
    ]),
  ),
  JourneyStateMachineArn: `arn:aws:states:eu-north-1:111111111111:stateMachine:${stateMachineName("oslo", "journey")}`,
  // The journey's await writes its token to the table itself.
  TableName: "ipsflow-oslo-Data-Table",
};

const aslFiles = readdirSync(join(projectRoot, "workflows")).filter((file) => file.endsWith(".asl.json"));

describe("workflows/", () => {
  it("holds exactly the workflows the stack deploys", () => {
    expect(aslFiles.sort()).toEqual(workflowNames.map((name) => `${name}.asl.json`).sort());
  });

  describe.each(aslFiles)("%s", (file) => {
    // As the stack deploys it and the local runtime runs it: the retry policy put in.
    const text = readWorkflowDefinition(projectRoot, file.replace(".asl.json", "") as WorkflowName).text;

    it("uses only placeholders the stack substitutes", () => {
      const unknown = definitionPlaceholders(text).filter((placeholder) => !(placeholder in deployedValues));
      expect(unknown).toEqual([]);
    });

    it("is valid Amazon States Language once substituted as in AWS", () => {
      const substituted = text.replace(/\$\{([A-Za-z][A-Za-z0-9]*)\}/g, (whole, key: string) => deployedValues[key] ?? whole);
      const result = aslValidator(JSON.parse(substituted), { checkPaths: true, checkArn: true });
      expect(result.errorsText("\n"), file).toBe("");
      expect(result.isValid).toBe(true);
    });
  });

  it("catches a broken definition (the validator is not a rubber stamp)", () => {
    const journey = JSON.parse(readWorkflowDefinition(projectRoot, "journey").text) as { StartAt: string };
    const broken = { ...journey, StartAt: "NoSuchState" };
    expect(aslValidator(broken).isValid).toBe(false);
  });

  it("calls Lambda through the live alias placeholders only", () => {
    for (const file of aslFiles) {
      const text = readFileSync(join(projectRoot, "workflows", file), "utf8");
      const functionNames = [...text.matchAll(/"FunctionName"\s*:\s*"([^"]*)"/g)].map((match) => match[1]);
      expect(functionNames.length, file).toBeGreaterThan(0);
      for (const name of functionNames) expect(name, file).toMatch(/^\$\{[A-Za-z]+FunctionArn\}$/);
    }
  });

  it("parks the journey with the write adapters/stepfunctions/journey-await.ts describes", () => {
    const journey = JSON.parse(readWorkflowDefinition(projectRoot, "journey").text) as { States: { Await: { Parameters: Record<string, unknown> } } };
    expect(journey.States.Await.Parameters).toMatchObject(awaitUpdate);
  });
});
