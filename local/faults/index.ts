import { FaultInjector } from "./injector";
import { startFaultProxy, type FaultProxy } from "./proxy";

export { FaultInjector, type FaultKind, type InjectedFault } from "./injector";
export { faultyLambda } from "./lambda";
export { parseFaultPlan, faultPlanSchema, type FaultPlan } from "./plan";

/**
 * SES as it answers when the account's sending rate is exceeded: 429 TooManyRequestsException,
 * which the SDK retries with backoff before the caller sees it.
 */
export function sesProxy(target: string, faults: FaultInjector): Promise<FaultProxy> {
  return startFaultProxy(target, (req) => {
    const isSend = req.method === "POST" && (req.url ?? "").startsWith("/v2/email/outbound-emails");
    if (!isSend || !faults.strikes(faults.plan.ses, "ses-throttle", "SendEmail")) return "forward";
    return {
      status: 429,
      headers: { "x-amzn-errortype": "TooManyRequestsException" },
      body: JSON.stringify({ message: "Maximum sending rate exceeded." }),
    };
  });
}

/**
 * Step Functions with a lost wake: SendTaskSuccess answers 200 as if delivered, and the parked
 * journey never hears of it (it wakes at its own timer instead).
 */
export function stepFunctionsProxy(target: string, faults: FaultInjector): Promise<FaultProxy> {
  return startFaultProxy(target, (req) => {
    const operation = String(req.headers["x-amz-target"] ?? "").split(".").pop() ?? "";
    if (operation !== "SendTaskSuccess" || !faults.strikes(faults.plan.wake, "wake-lost", operation)) return "forward";
    return { status: 200, headers: { "content-type": "application/x-amz-json-1.0" }, body: "{}" };
  });
}
