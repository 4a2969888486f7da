import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { ApiClient } from "./api/client";
import type { Auth, Session } from "./auth/session";
import type { WebAppConfig } from "./config";

export interface AppContext {
  config: WebAppConfig;
  auth: Auth;
  api: ApiClient;
  session: Session | undefined;
}

export const App = createContext<AppContext | undefined>(undefined);

export function useApp(): AppContext {
  const value = useContext(App);
  if (!value) throw new Error("useApp outside the app");
  return value;
}

/** The signed-in session; pages behind `RequireSession` always have one. */
export function useSession(): Session {
  const { session } = useApp();
  if (!session) throw new Error("no session");
  return session;
}
