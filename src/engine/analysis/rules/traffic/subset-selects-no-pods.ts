import { describeObject, isRecord } from '../../../k8s/object';
import { matches } from '../../index-objects';
import { finding, type Finding, type Rule } from '../../rule';
import { destinationRules } from './objects';

export const subsetSelectsNoPods: Rule = {
  code: 'IST0173',
  level: 'error',
  title: 'subset selects no pods',
  explanation:
    "a DestinationRule subset's labels match none of the workloads its Service selects, so routes to the subset fail with 503 (no healthy upstream)",
  fix: "make the subset labels match the pod template labels of one of the Service's workloads (e.g. version: v2)",
  check(index) {
    const out: Finding[] = [];
    for (const dr of destinationRules(index)) {
      for (const service of index.servicesForHost(dr.host, dr.namespace)) {
        const workloads = index.workloadsOfService(service);
        // A Service without workloads in the input is another problem (or a partial input): nothing to judge here.
        if (workloads.length === 0) continue;
        for (const subset of dr.subsets) {
          const labels = isRecord(subset.labels) ? subset.labels : {};
          if (workloads.some((w) => matches(labels, w.podLabels))) continue;
          out.push(
            finding(
              this,
              `${describeObject(dr.entry.object)}: subset '${subset.name}' (${Object.entries(labels)
                .map(([k, v]) => `${k}=${v}`)
                .join(',')}) ` +
                `selects none of the pods of ${describeObject(service.object)} (workloads: ${workloads.map((w) => w.object.metadata.name).join(', ')}); ` +
                'fix the subset labels or the pod labels',
              dr.entry,
              service,
            ),
          );
        }
      }
    }
    return out;
  },
};
