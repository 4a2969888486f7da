/**
 * The credentials of a function in Lambda: the runtime puts its role's credentials in the
 * environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), and the SDK's default
 * chain, which looks there first, finds them there. The bundles replace that chain with this one
 * link (an esbuild alias for `@aws-sdk/credential-provider-node`, infra/constructs/function.ts),
 * leaving out the profile files, SSO, process, web-identity and instance-metadata providers and
 * the STS and SSO clients they carry, about a fifth of each bundle. Locally (no bundle) the
 * chain is the SDK's own, and the local servers' credentials are passed in explicitly.
 */
export { fromEnv as defaultProvider } from "@aws-sdk/credential-provider-env";
