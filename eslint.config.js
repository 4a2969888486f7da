// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Imports run one way (see README, "Architecture"): infra/ and local/ use functions/, workflows/
 * and shared/; functions/ uses shared/; shared/ imports none of the others.
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
    files: ["local/**/*.ts"],
    rules: forbid(["**/infra/**", "aws-cdk-lib", "aws-cdk-lib/*", "constructs"], "the local runtime does not load the CDK."),
  },
);
