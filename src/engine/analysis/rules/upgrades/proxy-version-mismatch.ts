import { describeObject } from '../../../k8s/object';
import { injectedByInjector, isControlPlane } from '../../mesh';
import { finding, type Rule } from '../../rule';
import { imageTag, istiodOf, istiodVersion, servingRevision } from './revisions';

export const proxyVersionMismatch: Rule = {
  code: 'CDK8SI041',
  level: 'warning',
  title: 'pre-injected proxy of another version',
  explanation:
    "a pre-injected istio-proxy's image version differs from the version of the revision that serves its namespace " +
    "(Istio's IST0158 is the running-pod form)",
  fix: 'pre-inject it again for the revision that serves the namespace, or let the webhook inject it',
  check(index) {
    return index.workloads.flatMap((workload) => {
      if (!workload.hasProxy || !injectedByInjector(workload) || isControlPlane(workload)) return [];
      const revision = servingRevision(index, workload.namespace);
      const istiod = revision === undefined ? undefined : istiodOf(index, revision);
      const wanted = istiod ? istiodVersion(istiod) : undefined;
      const proxy = imageTag(workload.containers.find((c) => c.name === 'istio-proxy')?.image);
      if (!istiod || !wanted || !proxy || proxy === wanted) return [];
      return [
        finding(
          this,
          `${describeObject(workload.object)} carries proxy version ${proxy}, but namespace '${workload.namespace}' is served by ` +
            `revision '${revision}' at version ${wanted}; pre-inject it again for that revision, or let the webhook inject it`,
          workload,
          istiod,
        ),
      ];
    });
  },
};
