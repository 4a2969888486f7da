import type { FaultInjector } from "./injector";

type Invoke = (event: unknown) => Promise<unknown>;

/**
 * A Lambda task that fails as the Lambda service fails: half of the faults before the function
 * runs (a service error: nothing happened), half after it ran (a timeout: the effect happened and
 * the answer is lost). Both reach the workflow as task failures that its Retry sees; the second
 * is what makes every effect's idempotency matter.
 */
export function faultyLambda(name: string, invoke: Invoke, faults: FaultInjector): Invoke {
  return async (event) => {
    const fault = faults.strikes(faults.plan.lambda, () => (faults.coin() ? "lambda-throw-before" : "lambda-throw-after"), name);
    if (fault === "lambda-throw-before") throw named("Lambda.ServiceException", "injected fault: the Lambda service failed before the function ran");
    const result = await invoke(event);
    if (fault === "lambda-throw-after") throw named("Sandbox.Timedout", "injected fault: the function ran, then its answer was lost");
    return result;
  };
}

function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
