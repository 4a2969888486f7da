/**
 * CloudWatch metrics in Embedded Metric Format: one JSON line on stdout that CloudWatch Logs turns
 * into a metric, with no API call. `JourneyCheckIn` lets an alarm notice journeys that stopped
 * checking in (a lost callback emits no failure metric of its own).
 */
export function emitCheckIn(deployment: string, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
  if (process.env.IPSFLOW_METRICS === "off") return;
  write(
    JSON.stringify({
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [{ Namespace: "Ipsflow", Dimensions: [["Deployment"]], Metrics: [{ Name: "JourneyCheckIn", Unit: "Count" }] }],
      },
      Deployment: deployment,
      JourneyCheckIn: 1,
    }),
  );
}
