import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time of the DynamoDB Local JVM serving `port`, read from /proc (Linux). Undefined where
 * /proc is missing or the process cannot be found: the figure is informative only.
 */
export function dynamoDbLocalCpuSeconds(port: number): number | undefined {
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let args: string[];
      try {
        args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      } catch {
        continue;
      }
      if (!args.some((a) => a.includes("DynamoDBLocal.jar")) || !args.includes(String(port))) continue;
      // Fields 14 and 15 of /proc/<pid>/stat: user and system time in clock ticks (100 a second on Linux).
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return (Number(fields[11]) + Number(fields[12])) / 100;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** CPU seconds this Node process has used (user + system). */
export const nodeCpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
