import { AssetHashType, type CfnResource, DefaultStackSynthesizer, DockerImage, Duration, RemovalPolicy, Stack, Token } from "aws-cdk-lib";
import { Certificate } from "aws-cdk-lib/aws-certificatemanager";
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { type AddToPrincipalPolicyResult, PolicyStatement, type RoleProps, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, CacheControl, type ISource, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Construct, type IConstruct } from "constructs";
import { contentSecurityPolicy, type WebAppConfig, webAppPaths } from "../../core/config/web-app";
import { buildWebApp } from "../../web/build";
import { ManagedPolicyRole } from "../iam";
import { acknowledge, nagArn } from "../nag";

export interface WebAppProps {
  readonly resourcePrefix: string;
  /** The web app's folder (web/): its build, `buildWebApp`, runs here during synth. */
  readonly webRoot: string;
  /**
   * A domain of the deployment's own (its baseUrl) and the ACM certificate (us-east-1) for it.
   * Without one, the app is served at the distribution's domain, https://<id>.cloudfront.net.
   */
  readonly customDomain?: { readonly origin: string; readonly certificateArn: string };
  /** Origins the app may send requests to besides its own: the API and the sign-in provider. */
  readonly connectTo: readonly string[];
  /** Encrypts the log group of the function that copies the files into the bucket. */
  readonly logKey: IKey;
  readonly logRetention: RetentionDays;
}

/** Access logs of the app's bucket and distribution are kept as long as the other logs: a year. */
const accessLogDays = 365;

/**
 * The web app, served from a private S3 bucket through CloudFront (origin access control): one
 * build for every region, and a `config.json` beside it that tells the app where this
 * deployment's API and sign-in are. Every response carries the security headers, among them a
 * Content-Security-Policy that lets the app talk to its API and Cognito only.
 */
export class WebApp extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  readonly responseHeadersPolicy: ResponseHeadersPolicy;
  /** The app's URL, an origin without a trailing slash: the custom domain, or the distribution's own. */
  readonly url: string;
  private readonly props: WebAppProps;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id);
    this.props = props;

    // One bucket for the access logs of the app bucket (s3/) and the distribution (cloudfront/).
    // S3-managed keys: S3 server access logging and CloudFront standard logging write with them
    // and no KMS grants. CloudFront writes its logs with ACLs, hence object-writer ownership.
    this.logBucket = new Bucket(this, "AccessLogs", {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(accessLogDays), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.logBucket,
      "HIPAA.Security-S3DefaultEncryptionKMS",
      "S3-managed encryption (SSE-S3): CloudFront standard logging delivers with it and no key grants. The logs hold request lines (staff IP addresses, paths " +
        "with opaque participant ids), no health data; the deployment's KMS keys stay with the data they protect.",
    );
    acknowledge(
      this.logBucket,
      "HIPAA.Security-S3BucketReplicationEnabled",
      "Access logs stay in the deployment's region like everything else it holds; a replica in another region would move staff IP addresses out of it. " +
        "Versioning keeps overwritten or deleted log objects for 30 days.",
    );

    this.bucket = new Bucket(this, "Files", {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: "s3/",
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.bucket,
      "HIPAA.Security-S3DefaultEncryptionKMS",
      "The bucket holds the built web app (HTML, scripts, styles) and its config.json with public endpoint names: what every visitor downloads, no personal " +
        "data. S3-managed encryption lets CloudFront read it through origin access control without a grant on a KMS key of the deployment.",
    );
    acknowledge(
      this.bucket,
      "HIPAA.Security-S3BucketReplicationEnabled",
      "The files are rebuilt from the repository at every deploy and the bucket is versioned; a replica would add a second copy of the build, not resilience of any data.",
    );

    this.responseHeadersPolicy = new ResponseHeadersPolicy(this, "SecurityHeaders", {
      responseHeadersPolicyName: `${props.resourcePrefix}-web-security-headers`,
      comment: `${props.resourcePrefix}: security headers of the web app`,
      securityHeadersBehavior: {
        // The app's own files only, no inline script or style; requests to the API and Cognito only.
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props.connectTo), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    const custom = props.customDomain;
    this.distribution = new Distribution(this, "Distribution", {
      comment: `${props.resourcePrefix} web app`,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        // Follows each object's Cache-Control (set at upload below), compressed.
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: this.responseHeadersPolicy,
      },
      defaultRootObject: "index.html",
      // A single-page app: a path that is no file (a deep link such as /participants/{id}) gets
      // index.html, and the app routes it. The bucket answers 403 for a missing key (CloudFront
      // may not list it), 404 in case it ever may.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: "/index.html",
        ttl: Duration.seconds(0),
      })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      ...(custom
        ? {
            domainNames: [new URL(custom.origin).hostname],
            certificate: Certificate.fromCertificateArn(this, "Certificate", custom.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: "cloudfront/",
    });
    this.url = custom ? custom.origin : `https://${this.distribution.distributionDomainName}`;

    acknowledge(
      this.distribution,
      "AwsSolutions-CFR1",
      "No geo restriction: the app serves the deployment's own staff, who travel and work across borders; sign-in (Cognito with MFA) decides who gets in, not the country.",
    );
    acknowledge(
      this.distribution,
      "AwsSolutions-CFR2",
      "No AWS WAF web ACL: the distribution serves static files only, the API has its own throttling and every call needs a Cognito token. A web ACL " +
        "(about $5 a month plus $1 per rule and $0.60 per million requests) can be attached to the distribution later if a deployment wants one.",
    );
    if (!custom) {
      acknowledge(
        this.distribution,
        "AwsSolutions-CFR4",
        "Served at the distribution's own *.cloudfront.net domain with CloudFront's default certificate, whose security policy cannot be chosen (CloudFront " +
          "negotiates TLS 1.2 or newer with current browsers). A deployment with a baseUrl and webCertificateArn gets TLSv1.2_2021 as its minimum.",
      );
    }
  }

  /**
   * Uploads the build and the deployment's `config.json`, and invalidates what must be read fresh.
   * The build runs here, locally with esbuild (never in Docker); one build serves every region.
   */
  publish(config: WebAppConfig): void {
    const uploadRole = new UploadRole(
      this,
      "UploadRole",
      {
        assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
        description: "Copies the built web app into its bucket and invalidates the distribution (CDK BucketDeployment)",
      },
      this.distribution.distributionArn,
    );
    const logGroup = new LogGroup(this, "UploadLogs", {
      encryptionKey: this.props.logKey,
      retention: this.props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    logGroup.grantWrite(uploadRole);

    const app = webAppSource(this.props.webRoot);
    const common = { destinationBucket: this.bucket, role: uploadRole, logGroup, memoryLimit: 256 };

    // Content-hashed file names: a changed file is a new name, so these may be cached for a year.
    // Old assets stay (no pruning), so a browser still on the previous index.html finds its files.
    const assets = new BucketDeployment(this, "Assets", {
      ...common,
      sources: [app],
      exclude: ["*"],
      include: ["assets/*"],
      prune: false,
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
    });

    // index.html and config.json under fixed names: browsers revalidate them at every load, and
    // the deploy invalidates CloudFront's copies, so a new build and config reach users at once.
    const entry = new BucketDeployment(this, "Entry", {
      ...common,
      sources: [app, Source.jsonData(webAppPaths.config.slice(1), config)],
      exclude: ["assets/*"],
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ["/", "/index.html", webAppPaths.config],
    });
    // The new index.html only once the files it names are there.
    entry.node.addDependency(assets);

    this.acknowledgeUpload(uploadRole);
  }

  /** The findings on CDK's own BucketDeployment function and the grants it makes to its role. */
  private acknowledgeUpload(role: UploadRole): void {
    const stack = Stack.of(this);
    const literal = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    const stagingBucket = `arn:${literal(stack.partition, "Partition")}:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${literal(stack.account, "AccountId")}-${literal(stack.region, "Region")}`;
    const grantFamilies =
      "The CDK BucketDeployment's grants: read (s3:GetObject*, GetBucket*, List*) of the CDK bootstrap bucket the build is staged in, and read, write and " +
      "delete (s3:Abort*, DeleteObject*) of the web app's own bucket, which it syncs. Each wildcard spans one action family on those two buckets only.";
    for (const action of ["s3:GetBucket*", "s3:GetObject*", "s3:List*", "s3:Abort*", "s3:DeleteObject*"]) {
      acknowledge(role, `AwsSolutions-IAM5[Action::${action}]`, grantFamilies);
    }
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::${stagingBucket}/*]`,
      "Reads the zipped build from the CDK bootstrap bucket of this account and region, where `cdk deploy` uploads assets under content-hashed keys " +
        "that change with every build.",
    );
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::${nagArn(this.bucket.node.defaultChild as CfnResource)}/*]`,
      "Writes the app's files (index.html, config.json, assets/<name>-<hash>.js ...) into the web app's own bucket; the file names change with every build.",
    );

    const handler = stack.node.children.find(
      (child): child is IConstruct => child instanceof LambdaFunction && child.node.id.startsWith("Custom::CDKBucketDeployment"),
    );
    if (!handler) throw new Error("the BucketDeployment's function was not found");
    acknowledge(
      handler,
      "AwsSolutions-L1",
      "CDK's own BucketDeployment function: aws-cdk-lib chooses and updates its Python runtime with the library version; the project does not pin it.",
    );
    acknowledge(
      handler,
      "HIPAA.Security-LambdaInsideVPC",
      "CDK's BucketDeployment function runs only during a deploy and calls only the S3 and CloudFront APIs (over TLS, IAM-signed); no private network resource is involved.",
    );
    acknowledge(
      handler,
      "HIPAA.Security-LambdaConcurrency",
      "CDK's BucketDeployment function is invoked by CloudFormation only, once per web-app upload of a deploy (two per deploy); concurrency cannot grow with any user load.",
    );
    acknowledge(
      handler,
      "HIPAA.Security-LambdaDLQ",
      "CDK's BucketDeployment function is invoked by CloudFormation as a custom resource: a failure fails the deploy, which rolls back and reports it; nothing is queued.",
    );
  }
}

/**
 * The BucketDeployment function's role. The CDK grants it CloudFront invalidations on every
 * distribution ('*'); both actions take a distribution ARN, so here they name this one only.
 */
class UploadRole extends ManagedPolicyRole {
  constructor(
    scope: Construct,
    id: string,
    props: RoleProps,
    private readonly distributionArn: string,
  ) {
    super(scope, id, props);
  }

  override addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    const invalidation = statement.actions.length > 0 && statement.actions.every((action) => action.startsWith("cloudfront:"));
    if (invalidation && statement.resources.includes("*")) {
      return super.addToPrincipalPolicy(new PolicyStatement({ effect: statement.effect, actions: statement.actions, resources: [this.distributionArn] }));
    }
    return super.addToPrincipalPolicy(statement);
  }
}

/**
 * The web app's build as an asset: `buildWebApp` (esbuild) runs in the synth's process. The
 * asset is named by the hash of the build output, so a change anywhere the app imports from
 * (web/, core/, packages) makes a new one. The Docker image is only the fallback the CDK
 * asks for; local bundling always runs.
 */
export function webAppSource(webRoot: string): ISource {
  return Source.asset(webRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry("public.ecr.aws/docker/library/node:22"),
      local: {
        tryBundle(outputDir: string) {
          buildWebApp({ outdir: outputDir });
          return true;
        },
      },
    },
  });
}
