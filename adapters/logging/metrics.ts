import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";

/**
 * The journey check-in metric: journey-plan emits it each time a journey plans to wait for its
 * next due time (journey-park too, for executions of the earlier definition), so a region whose
 * journeys run emits it most days, and the alarm
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
