import { describeObject } from '../../../k8s/object';
import { injectedByInjector, membership, SIDECAR_INJECT } from '../../mesh';
import { finding, type Rule } from '../../rule';

export const preInjectedReinjected: Rule = {
  code: 'CDK8SI003',
  level: 'warning',
  title: 'pre-injected workload is injected again',
  explanation:
    'a pre-injected pod template (sidecar.istio.io/status) is also selected by the injection webhook, which replaces the rendered proxy at admission',
  fix: 'label the pod template sidecar.istio.io/inject=false, or rely on the webhook and do not pre-inject',
  check(index) {
    return index.workloads
      .filter((w) => w.hasProxy && injectedByInjector(w) && membership(index, w).webhookInjects)
      .map((w) =>
        finding(
          this,
          `${describeObject(w.object)} is pre-injected, but its namespace or labels also select it for ` +
            'the injection webhook, which will replace the rendered proxy at admission (what runs differs from the output); ' +
            `label its pod template ${SIDECAR_INJECT}=false, or do not pre-inject it`,
          w,
        ),
      );
  },
};
