import { learnServerTime } from "../clock";

/** An answer of the API that was not 2xx, with the fields its message names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Field → message, from the API's "field: message; field: message" answers (400). */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** A request that got no answer at all (offline, a dropped connection): worth a retry. */
export class NetworkError extends Error {
  constructor() {
    super("network");
    this.name = "NetworkError";
  }
}

interface Issue {
  field: string;
  message: string;
}

/** The API names each bad field: `details.issues` when present, else the "field: message" text. */
export function fieldsOf(body: { message?: string; details?: { issues?: Issue[] } }): Record<string, string> {
  const fields: Record<string, string> = {};
  const issues: Issue[] =
    body.details?.issues ??
    (body.message ?? "")
      .split("; ")
      .map((part) => /^([\w.-]+): (.+)$/.exec(part))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ field: m[1], message: m[2] }));
  for (const issue of issues) fields[issue.field] ??= issue.message;
  return fields;
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown, options?: { idempotencyKey?: string }): Promise<T>;
}

/**
 * The HTTP API as the pages use it. Every call carries the session's bearer token; a 401 means
 * the session is over, and `onUnauthorized` sends the user through sign-in back to this page.
 */
export function apiClient(options: { baseUrl: string; token: () => string | undefined; onUnauthorized: () => void }): ApiClient {
  const call = async <T>(method: "GET" | "POST", path: string, body?: unknown, idempotencyKey?: string): Promise<T> => {
    const headers: Record<string, string> = { accept: "application/json" };
    const token = options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
    let res: Response;
    try {
      res = await fetch(options.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new NetworkError();
    }
    learnServerTime(res.headers.get("date"));
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = { message: text.slice(0, 200) };
    }
    if (res.ok) return json as T;
    if (res.status === 401) options.onUnauthorized();
    const errorBody = (json ?? {}) as { message?: string; details?: { issues?: Issue[] } };
    throw new ApiError(res.status, errorBody.message ?? `HTTP ${res.status}`, res.status === 400 ? fieldsOf(errorBody) : {});
  };
  return {
    get: (path) => call("GET", path),
    post: (path, body, opts) => call("POST", path, body, opts?.idempotencyKey),
  };
}
