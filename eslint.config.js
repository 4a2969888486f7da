// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Imports run one way (see README, "Architecture"): core/ is the pure domain and imports nothing
 * of the others, no AWS SDK and no runtime wiring; adapters/ (DynamoDB, SES, Step Functions,
 * logging) use core/; use-cases/ use core/ and adapters/; functions/ use all three; infra/ and
 * local/ use everything but each other (local/ never loads the CDK); web/ (the browser app) uses
 * core/ only.
 */
const forbid = (groups, message) => ({
  "no-restricted-imports": ["error", { patterns: [{ group: groups, message }] }],
});
const cdk = ["aws-cdk-lib", "aws-cdk-lib/*", "constructs"];
const outer = ["**/functions/**", "**/infra/**", "**/local/**", "**/workflows/**"];

export default tseslint.config(
  { ignores: ["node_modules/", "cdk.out/", ".data/", ".test-data/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["core/**/*.ts"],
    rules: forbid(
      ["**/adapters/**", "**/use-cases/**", ...outer, "@aws-sdk/*", "@aws-lambda-powertools/*", "@middy/*", "p-retry", "node:*", ...cdk],
      "core/ is the pure domain: no adapters, use cases, handlers or runtimes, no AWS SDK, no Node built-ins.",
    ),
  },
  {
    files: ["adapters/**/*.ts"],
    rules: forbid(["**/use-cases/**", ...outer, ...cdk], "adapters/ use core/ only: they never import use cases, handlers, runtimes or the CDK."),
  },
  {
    files: ["use-cases/**/*.ts"],
    rules: forbid([...outer, ...cdk], "use-cases/ use core/ and adapters/ only."),
  },
  {
    files: ["functions/**/*.ts"],
    rules: forbid(["**/infra/**", "**/local/**", ...cdk], "functions/ use core/, adapters/ and use-cases/; never the CDK or the local runtime."),
  },
  {
    files: ["web/src/**/*.{ts,tsx}"],
    rules: forbid(
      ["**/adapters/**", "**/use-cases/**", ...outer, "@aws-sdk/*", ...cdk],
      "the web app talks to the HTTP API only: it may use core/'s schemas, words and pure rules, never data access or AWS.",
    ),
  },
  {
    files: ["local/**/*.ts"],
    rules: forbid(["**/infra/**", ...cdk], "the local runtime does not load the CDK."),
  },
);
