import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";

/**
 * The journey check-in metric: journey-park emits it each time a journey parks to wait for its
 * next due time, so a region whose journeys run emits it every day, and the alarm
 * (infra/constructs/alarms.ts) watches exactly this namespace, name and these dimensions.
 * Powertools' Metrics writes it in CloudWatch's embedded metric format (one JSON line on stdout
 * that CloudWatch Logs turns into a metric, no API call); it adds the `service` dimension itself.
 * `POWERTOOLS_METRICS_DISABLED=true` silences it (the local runtime, tests and benchmarks).
 */
export const journeyCheckInMetric = {
  namespace: "Ipsflow",
  metricName: "JourneyCheckIn",
  service: "ipsflow",
  dimension: "Deployment",
} as const;

/**
 * A check-in recorder for one function instance: each call publishes one check-in of the
 * deployment. The deployment is known at the first invocation (the configuration is read lazily),
 * so each deployment gets its own Metrics, its dimension set once.
 */
export function journeyCheckIns(): (deployment: string) => void {
  const byDeployment = new Map<string, Metrics>();
  return (deployment) => {
    let metrics = byDeployment.get(deployment);
    if (!metrics) {
      metrics = new Metrics({
        namespace: journeyCheckInMetric.namespace,
        serviceName: journeyCheckInMetric.service,
        defaultDimensions: { [journeyCheckInMetric.dimension]: deployment },
      });
      byDeployment.set(deployment, metrics);
    }
    metrics.addMetric(journeyCheckInMetric.metricName, MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
  };
}
