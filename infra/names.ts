import type { Deployment } from "../shared/config/deployment";

/**
 * Names of the stack and its shared prefix. Function and state machine names come from
 * shared/runtime/function-names.ts, which the local runtime uses too. All are stable (state
 * machines and log groups keep their names across deploys) and carry the deployment's name, so
 * two deployments never collide, even in one account.
 */
export const stackName = (deployment: Pick<Deployment, "name">): string => `Ipsflow-${deployment.name}`;

export const resourcePrefix = (deployment: Pick<Deployment, "name">): string => `ipsflow-${deployment.name}`;
