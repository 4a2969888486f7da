import { fileURLToPath } from "node:url";

/** The repository root: functions/, workflows/ and the lock file are found from here, not from the working directory. */
export const projectRoot = fileURLToPath(new URL("..", import.meta.url)).replace(/[\\/]$/, "");
