import { CfnOutput, Duration, RemovalPolicy } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import { CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from "aws-cdk-lib/aws-cognito";
import type { IKey } from "aws-cdk-lib/aws-kms";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { webAppPaths } from "../../core/config/web-app";
import { openApiRoute } from "../../functions/openapi/route";
import { acknowledge } from "../nag";

/** Cognito groups, one per role of the API. */
export const userGroups = {
  admin: "Administers the deployment: users, teams, specialists, email events",
  specialist: "A job specialist: sees their own caseload",
  team: "A treatment team member: sees the team's participants",
} as const;

export interface ApiProps {
  readonly resourcePrefix: string;
  /** The `live` alias of the api function: every route but the reports' goes to it. */
  readonly handler: IFunction;
  /**
   * The `live` alias of the reports function, and the routes it serves (`GET /participants/{id}/report`):
   * API Gateway sends those to it, everything else to `handler`.
   */
  readonly reports: { readonly handler: IFunction; readonly routes: ReadonlyArray<{ method: "GET" | "POST" | "DELETE"; path: string }> };
  /** The `live` alias of the openapi function: `GET /openapi.json`, without a token. */
  readonly openApi: IFunction;
  readonly key: IKey;
  readonly logRetention: RetentionDays;
  /**
   * The web app's URL, an origin without a trailing slash: the only origin browsers may call the
   * API from, and where Cognito sends users back after signing in and out.
   */
  readonly appUrl: string;
  /** Prefix of the Cognito domain that hosts managed login: <prefix>.auth.<region>.amazoncognito.com. */
  readonly signInDomainPrefix: string;
  /** Steady-state requests per second and burst for the whole stage. */
  readonly throttle?: { rateLimit: number; burstLimit: number };
}

/**
 * The HTTP API behind Cognito. Users are created by admins only (no self sign-up), must use MFA
 * (authenticator app), and Cognito's threat protection blocks risky sign-ins. They sign in to the
 * web app through Cognito managed login (authorization code with PKCE). Every route but the
 * OpenAPI document requires a valid JWT of the pool for the web app's client; the api function
 * decides per role what a caller may see.
 */
export class Api extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** Hosts managed login, the OAuth endpoints and sign-out. */
  readonly signInDomain: UserPoolDomain;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** The API's base URL (the $default stage), without a trailing slash. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.userPool = new UserPool(this, "Users", {
      userPoolName: `${props.resourcePrefix}-users`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // Tie a user to their caseload or team: custom:specialistId, custom:teamId (set by admins only).
      customAttributes: {
        specialistId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        teamId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        passwordHistorySize: 12,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const [groupName, description] of Object.entries(userGroups)) {
      this.userPool.addGroup(`Group-${groupName}`, { groupName, description });
    }

    this.signInDomain = this.userPool.addDomain("SignInDomain", {
      cognitoDomain: { domainPrefix: props.signInDomainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    this.client = this.userPool.addClient("Client", {
      userPoolClientName: `${props.resourcePrefix}-web`,
      generateSecret: false,
      authFlows: { userSrp: true },
      // The web app signs in through managed login: authorization code with PKCE (a public
      // client, no secret), never the implicit flow, and back to the app's own pages only.
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.appUrl}${webAppPaths.signInCallback}`],
        logoutUrls: [`${props.appUrl}${webAppPaths.signedOut}`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, locale: true })
        .withCustomAttributes("specialistId", "teamId"),
      // Users may change their language, nothing else: the custom attributes decide what a
      // user can see, so only admins (through the admin API) may set them.
      writeAttributes: new ClientAttributes().withStandardAttributes({ locale: true }),
    });

    // Managed login needs a style for the client; Cognito's own is enough.
    const branding = new CfnManagedLoginBranding(this, "SignInBranding", {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.signInDomain);

    this.accessLogs = new LogGroup(this, "AccessLogs", {
      logGroupName: `/aws/apigateway/${props.resourcePrefix}-api`,
      encryptionKey: props.key,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const integration = new HttpLambdaIntegration("Handler", props.handler);
    this.httpApi = new HttpApi(this, "HttpApi", {
      apiName: `${props.resourcePrefix}-api`,
      description: "IPS flow: participants, events, caseloads, team summaries",
      createDefaultStage: false,
      // Browsers may call the API from the deployment's own web app only, with the methods and
      // headers its routes use (no route has PUT or PATCH; DELETE erases a participant).
      corsPreflight: {
        allowOrigins: [props.appUrl],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.DELETE, CorsHttpMethod.OPTIONS],
        allowHeaders: ["authorization", "content-type", "idempotency-key"],
        // The app reads the deployment's time from the Date header (defaults such as "now" in a
        // form), and saves a report under the name Content-Disposition gives.
        exposeHeaders: ["date", "content-disposition"],
        maxAge: Duration.hours(1),
      },
      defaultIntegration: integration,
      // The web app sends the ID token (it carries cognito:groups and the custom attributes);
      // the audience must be this client.
      defaultAuthorizer: new HttpUserPoolAuthorizer("Cognito", this.userPool, { userPoolClients: [this.client] }),
    });

    // The report routes render PDFs with a library no other route needs: their own function,
    // behind the same authorizer (the default one).
    const reportsIntegration = new HttpLambdaIntegration("Reports", props.reports.handler);
    for (const route of props.reports.routes) {
      this.httpApi.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration: reportsIntegration });
    }

    // The OpenAPI document describes the routes and request schemas, nothing of anyone's data:
    // readable without signing in, as it is locally, from a function of its own.
    const [documentRoute] = this.httpApi.addRoutes({
      path: openApiRoute.path,
      methods: [HttpMethod[openApiRoute.method]],
      integration: new HttpLambdaIntegration("OpenApi", props.openApi),
      authorizer: new HttpNoneAuthorizer(),
    });
    acknowledge(
      documentRoute,
      "AwsSolutions-APIG4",
      "GET /openapi.json is public by design: the OpenAPI document generated from the request schemas (routes, fields, roles), the same for every " +
        "deployment and published with the code. It reads no data; every other route requires a Cognito JWT.",
    );

    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    this.stage = new HttpStage(this, "Stage", {
      httpApi: this.httpApi,
      stageName: "$default",
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        // Who called what and how it went; never bodies or query strings, which may carry personal data.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            time: "$context.requestTime",
            ip: "$context.identity.sourceIp",
            user: "$context.authorizer.claims.sub",
            method: "$context.httpMethod",
            route: "$context.routeKey",
            status: "$context.status",
            latencyMs: "$context.responseLatency",
            integrationError: "$context.integrationErrorMessage",
            authorizerError: "$context.authorizer.error",
          }),
        ),
      },
    });

    this.url = this.httpApi.apiEndpoint;

    new CfnOutput(this, "ApiUrl", { value: this.stage.url, description: "Base URL of the HTTP API" });
    new CfnOutput(this, "UserPoolId", { value: this.userPool.userPoolId, description: "Cognito user pool: create users and add them to groups here" });
    new CfnOutput(this, "UserPoolClientId", { value: this.client.userPoolClientId, description: "App client of the web app (managed login, code + PKCE)" });
    new CfnOutput(this, "SignInDomain", { value: this.signInDomain.baseUrl(), description: "Cognito managed login of the web app" });
  }
}
