import { inject } from "vitest";
import { startLocalSystem, type LocalSystem, type LocalSystemOptions } from "../../local/system";
import { newId } from "../../core/ids";

/**
 * The local system for one test file, on the run's shared DynamoDB Local and SES servers, with its
 * own table, its own free ports and a frozen virtual clock that the test moves.
 */
export async function startTestSystem(options: Partial<LocalSystemOptions> = {}): Promise<LocalSystem & { api: Api }> {
  const system = await startLocalSystem({
    dynamodbEndpoint: inject("dynamodbEndpoint"),
    sesEndpoint: inject("sesEndpoint"),
    tableName: `e2e-${newId()}`,
    ports: { api: 0, web: 0, stepFunctions: 0 },
    speed: 0,
    seed: false,
    start: new Date("2026-11-02T09:00:00Z"),
    ...options,
  });
  return Object.assign(system, { api: apiClient(system.urls.api) });
}

export type Api = ReturnType<typeof apiClient>;

export function apiClient(base: string) {
  const call = async (method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
    });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const body: any = text ? JSON.parse(text) : undefined;
    return { status: res.status, body };
  };
  return {
    call,
    get: (path: string, token = "dev:admin") => call("GET", path, { token }),
    post: (path: string, body: unknown, token = "dev:admin", headers: Record<string, string> = {}) => call("POST", path, { token, body, headers }),
    advance: (body: { days?: number; hours?: number; to?: string }) => call("POST", "/local/clock/advance", { body }),
  };
}

/** A team, a specialist and the tokens to act as each: the usual start of a scenario. */
export async function seedTeam(api: Api, options: { locale?: "nb" | "en"; cadence?: "weekly" | "fortnightly" } = {}) {
  const suffix = newId().slice(-6).toLowerCase();
  const team = await api.post("/teams", {
    name: `Team ${suffix}`,
    emails: [`team-${suffix}@example.org`],
    locale: options.locale ?? "nb",
    summaryCadence: options.cadence ?? "weekly",
  });
  const specialist = await api.post("/specialists", { name: `Spes ${suffix}`, email: `spes-${suffix}@example.org`, teamIds: [team.body.id] });
  return {
    team: team.body,
    specialist: specialist.body,
    specialistToken: `dev:specialist:${specialist.body.id}`,
    teamToken: `dev:team:${team.body.id}`,
  };
}
