import { useCallback, useEffect, useState } from "preact/hooks";
import { useApp } from "../app-context";

export type Resource<T> =
  | { state: "loading"; reload: () => void }
  | { state: "ok"; data: T; reload: () => void }
  | { state: "error"; error: unknown; reload: () => void };

/** GETs a path of the API and keeps its answer; `reload` fetches it again (after a write, or to retry). */
export function useResource<T>(path: string | undefined): Resource<T> {
  const { api } = useApp();
  const [tick, setTick] = useState(0);
  const [result, setResult] = useState<{ path: string; data?: T; error?: unknown } | undefined>();
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    if (!path) return;
    let live = true;
    api.get<T>(path).then(
      (data) => live && setResult({ path, data }),
      (error) => live && setResult({ path, error }),
    );
    return () => {
      live = false;
    };
  }, [api, path, tick]);
  if (!path || !result || result.path !== path) return { state: "loading", reload };
  return result.error !== undefined ? { state: "error", error: result.error, reload } : { state: "ok", data: result.data as T, reload };
}
