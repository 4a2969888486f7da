/**
 * AWS list prices the journey benchmark turns usage into dollars with. All of them in this one
 * file, each with where it comes from and when it was looked up. Region: eu-north-1 (Stockholm),
 * where ipsflow's Norwegian deployments run; a figure is the us-east-1 one where that is what the
 * source gives and the note says so. Free tiers are left out on purpose: they are per account and
 * month, not per participant, and would hide the cost of scale.
 */
export interface Price {
  /** US dollars per `per` units. */
  usd: number;
  per: number;
  unit: string;
  source: string;
  lookedUp: string;
  note?: string;
}

const lookedUp = "2026-11-23";

export const prices = {
  stepFunctionsTransition: {
    usd: 0.025,
    per: 1_000,
    unit: "state transitions (Standard workflows)",
    source: "https://aws.amazon.com/step-functions/pricing/",
    lookedUp,
    note: "Standard workflows; every retry is a transition too.",
  },
  lambdaRequest: {
    usd: 0.2,
    per: 1_000_000,
    unit: "Lambda requests",
    source: "https://aws.amazon.com/lambda/pricing/",
    lookedUp,
  },
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    per: 1,
    unit: "GB-seconds of arm64 Lambda duration (first pricing tier)",
    source: "https://aws.amazon.com/lambda/pricing/",
    lookedUp,
    note: "Billed per 1 ms of duration times the configured memory.",
  },
  dynamoDbWrite: {
    usd: 0.625,
    per: 1_000_000,
    unit: "DynamoDB on-demand write request units (Standard table class)",
    source: "https://aws.amazon.com/dynamodb/pricing/on-demand/",
    lookedUp,
    note: "us-east-1 list price after the November 2024 reduction. DynamoDB prices differ by region and the eu-north-1 figure was not read separately: check the page's region selector before quoting a Stockholm figure.",
  },
  dynamoDbRead: {
    usd: 0.125,
    per: 1_000_000,
    unit: "DynamoDB on-demand read request units (Standard table class)",
    source: "https://aws.amazon.com/dynamodb/pricing/on-demand/",
    lookedUp,
    note: "us-east-1 list price after the November 2024 reduction; see the write price's note on regions.",
  },
  sesEmail: {
    usd: 0.1,
    per: 1_000,
    unit: "emails sent through SES (each recipient counts)",
    source: "https://aws.amazon.com/ses/pricing/",
    lookedUp,
    note: "Attachments and dedicated IPs extra; ipsflow sends neither.",
  },
} as const satisfies Record<string, Price>;

/**
 * How Lambda duration is billed here: ipsflow's functions are deployed arm64 with 512 MiB
 * (infra/constructs/function.ts, the default for every function), and an invocation lasts what
 * the benchmark measures in process for that function, rounded up to the next millisecond as
 * Lambda bills it. Against DynamoDB in the same region the real duration is of the same order as
 * against DynamoDB Local on loopback; cold starts are not in it.
 */
export const lambdaMemoryMiB = 512;

export interface Usage {
  stateTransitions: number;
  lambdaInvocations: number;
  /** Sum over invocations of the billed duration (ms, each rounded up). */
  lambdaBilledMs: number;
  readUnits: number;
  writeUnits: number;
  emails: number;
}

export interface Cost {
  stepFunctions: number;
  lambdaRequests: number;
  lambdaDuration: number;
  dynamoDbReads: number;
  dynamoDbWrites: number;
  ses: number;
  total: number;
}

const charge = (price: Price, units: number) => (units / price.per) * price.usd;

export function costOf(usage: Usage): Cost {
  const gbSeconds = (usage.lambdaBilledMs / 1000) * (lambdaMemoryMiB / 1024);
  const cost = {
    stepFunctions: charge(prices.stepFunctionsTransition, usage.stateTransitions),
    lambdaRequests: charge(prices.lambdaRequest, usage.lambdaInvocations),
    lambdaDuration: charge(prices.lambdaArmGbSecond, gbSeconds),
    dynamoDbReads: charge(prices.dynamoDbRead, usage.readUnits),
    dynamoDbWrites: charge(prices.dynamoDbWrite, usage.writeUnits),
    ses: charge(prices.sesEmail, usage.emails),
  };
  return { ...cost, total: Object.values(cost).reduce((sum, usd) => sum + usd, 0) };
}
