// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Imports run one way (see README, "Architecture"): infra/ and local/ use functions/, workflows/
 * and shared/; functions/ uses shared/; shared/ imports none of the others; web/ (the browser app)
 * uses shared/'s pure parts only.
 */
const forbid = (groups, message) => ({
  "no-restricted-imports": ["error", { patterns: [{ group: groups, message }] }],
});

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
    files: ["shared/**/*.ts"],
    rules: forbid(
      ["**/functions/**", "**/infra/**", "**/local/**", "**/workflows/**", "aws-cdk-lib", "aws-cdk-lib/*", "constructs"],
      "shared/ is the domain: it imports none of functions/, infra/, local/, workflows/ or the CDK.",
    ),
  },
  {
    files: ["functions/**/*.ts"],
    rules: forbid(
      ["**/infra/**", "**/local/**", "aws-cdk-lib", "aws-cdk-lib/*", "constructs"],
      "functions/ uses shared/ only; it never imports the CDK or the local runtime.",
    ),
  },
  {
    files: ["web/src/**/*.{ts,tsx}"],
    rules: forbid(
      [
        "**/functions/**",
        "**/infra/**",
        "**/local/**",
        "**/workflows/**",
        "**/shared/data/**",
        "**/shared/runtime/**",
        "**/shared/notify/**",
        "**/shared/workflow/**",
        "@aws-sdk/*",
        "aws-cdk-lib",
        "aws-cdk-lib/*",
      ],
      "the web app talks to the HTTP API only: it may use shared/'s schemas, words and pure rules, never data access or AWS.",
    ),
  },
  {
    files: ["local/**/*.ts"],
    rules: forbid(["**/infra/**", "aws-cdk-lib", "aws-cdk-lib/*", "constructs"], "the local runtime does not load the CDK."),
  },
);
