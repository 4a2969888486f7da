import type { VirtualClock } from "../clock/virtual-clock";
import { prepareDefinition, type PreparedDefinition } from "./definition";
import { SfnError } from "./errors";
import { checkArn, checkName } from "./names";
import { page } from "./paging";

export interface StateMachineListItem {
  stateMachineArn: string;
  name: string;
  type: "STANDARD";
  creationDate: Date;
}

/** DescribeStateMachine's answer (the fields AWS always returns). */
export interface StateMachineDescription extends StateMachineListItem {
  status: "ACTIVE";
  definition: string;
  roleArn: string;
}

export interface StateMachineRecord {
  arn: string;
  name: string;
  roleArn: string;
  creationDate: Date;
  /** The current definition: its text as given, what the engine runs, and since when. */
  definition: string;
  prepared: PreparedDefinition;
  updateDate: Date;
}

interface StateMachinesOptions {
  region: string;
  accountId: string;
  clock: VirtualClock;
  /** Run the engine's validator on each new definition (see definition.ts). */
  validateDefinitions: boolean;
}

/** ListStateMachines' page when maxResults is absent or 0, as in AWS. */
const DEFAULT_STATE_MACHINE_PAGE = 100;

/**
 * The state machines, in creation order. Every one is STANDARD and ACTIVE, with no versions or
 * aliases: locally a definition is only ever replaced.
 */
export class StateMachines {
  readonly #machines = new Map<string, StateMachineRecord>();
  readonly #options: StateMachinesOptions;

  constructor(options: StateMachinesOptions) {
    this.#options = options;
  }

  /**
   * Creates the state machine, or replaces its definition (running executions keep theirs), as
   * CreateStateMachine and UpdateStateMachine would. The role is only reported; none is assumed.
   */
  create(name: string, definition: object | string, options: { roleArn?: string } = {}): string {
    const { region, accountId, clock, validateDefinitions } = this.#options;
    checkName("state machine", name);
    const arn = `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
    const text = typeof definition === "string" ? definition : JSON.stringify(definition);
    const prepared = prepareDefinition(text, { validate: validateDefinitions });
    const now = clock.now();
    const existing = this.#machines.get(arn);
    if (existing) {
      Object.assign(existing, { definition: text, prepared, updateDate: now });
      if (options.roleArn) existing.roleArn = options.roleArn;
    } else {
      const roleArn = options.roleArn ?? `arn:aws:iam::${accountId}:role/local-step-functions`;
      this.#machines.set(arn, { arn, name, roleArn, creationDate: now, definition: text, prepared, updateDate: now });
    }
    return arn;
  }

  get(arn: string): StateMachineRecord {
    const machine = this.#machines.get(arn);
    if (!machine) throw new SfnError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  list(request: { maxResults?: number; nextToken?: string }): { stateMachines: StateMachineListItem[]; nextToken?: string } {
    const all = [...this.#machines.values()].map(({ arn, name, creationDate }) => ({
      stateMachineArn: arn,
      name,
      type: "STANDARD" as const,
      creationDate,
    }));
    const { items, nextToken } = page(all, request.maxResults, request.nextToken, DEFAULT_STATE_MACHINE_PAGE);
    return { stateMachines: items, nextToken };
  }

  describe(stateMachineArn: string): StateMachineDescription {
    checkArn("stateMachine", stateMachineArn);
    const machine = this.get(stateMachineArn);
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: "ACTIVE",
      definition: machine.definition,
      roleArn: machine.roleArn,
      type: "STANDARD",
      creationDate: machine.creationDate,
    };
  }
}
