import { render } from "preact";
import * as z from "../../core/zod-mini";
import no from "zod/v4/locales/no.js";
import { loadConfig } from "./config";
import { AppRoot } from "./app";
import { cognitoAuth } from "./auth/cognito";
import "./styles.css";

/** Reads the run-time config, sets up sign-in for it and renders the app. */
async function start() {
  const root = document.getElementById("app")!;
  try {
    const config = await loadConfig();
    const cognito = config.auth.mode === "cognito" ? await cognitoAuth(config.auth) : undefined;
    // Form checks speak the deployment's language (the API's own messages stay English).
    if (config.locale === "nb") z.config(no());
    render(<AppRoot config={config} cognito={cognito} />, root);
  } catch (error) {
    // Never a blank page: say what failed and offer a reload.
    root.innerHTML = "";
    const box = document.createElement("div");
    box.className = "alert error";
    box.setAttribute("role", "alert");
    const p = document.createElement("p");
    p.textContent = `ipsflow kunne ikke starte / could not start: ${(error as Error).message}`;
    const button = document.createElement("button");
    button.textContent = "Last inn på nytt / Reload";
    button.onclick = () => window.location.reload();
    box.append(p, button);
    root.append(box);
  }
}

void start();
