import { webAppConfigSchema, webAppPaths, type WebAppConfig } from "../../core/config/web-app";

export type { WebAppConfig };

/** The run-time config beside the app's files: which API, which sign-in, which zone and language. */
export async function loadConfig(): Promise<WebAppConfig> {
  const res = await fetch(webAppPaths.config, { cache: "no-store" });
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  const parsed = webAppConfigSchema.safeParse(await res.json());
  if (!parsed.success) throw new Error(`config.json: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return { ...parsed.data, apiUrl: parsed.data.apiUrl.replace(/\/+$/, "") };
}
