import { describeObject } from '../../../k8s/object';
import {
  DATAPLANE_MODE_LABEL,
  injectedByInjector,
  INJECTION_LABEL,
  isControlPlane,
  membership,
  REVISION_LABEL,
  SIDECAR_INJECT,
} from '../../mesh';
import { type Finding, finding, type Rule } from '../../rule';

export const sidecarInAmbient: Rule = {
  code: 'CDK8SI033',
  level: 'warning',
  title: 'sidecar workload in an ambient namespace',
  explanation:
    'a workload enrolled in ambient mode (namespace or pod label istio.io/dataplane-mode=ambient) also gets a sidecar (pod label sidecar.istio.io/inject=true or istio.io/rev, or pre-injected), which takes it out of ambient',
  fix: 'drop the sidecar pod label (or do not pre-inject) to keep it ambient, or label its pod template istio.io/dataplane-mode=none to keep the sidecar on purpose',
  check(index) {
    const out: Finding[] = [];
    for (const w of index.workloads) {
      const m = membership(index, w);
      if (!m.ambientLabeled || isControlPlane(w)) continue;
      const ns = index.namespaceLabels(w.namespace);
      // A namespace with both injection and ambient labels is IST0123's finding, once for the namespace.
      if (ns[INJECTION_LABEL] === 'enabled' || (ns[INJECTION_LABEL] === undefined && ns[REVISION_LABEL] !== undefined)) continue;
      const cause = injectedByInjector(w)
        ? 'is pre-injected (it carries sidecar.istio.io/status)'
        : m.webhookInjects
          ? `gets a sidecar from the injection webhook (pod label ${w.podLabels[SIDECAR_INJECT] === 'true' ? `${SIDECAR_INJECT}=true` : `${REVISION_LABEL}=${w.podLabels[REVISION_LABEL]}`})`
          : undefined;
      if (!cause) continue;
      const enrolled =
        w.podLabels[DATAPLANE_MODE_LABEL] === 'ambient' ? `its pod label ${DATAPLANE_MODE_LABEL}=ambient` : `namespace ${w.namespace}`;
      out.push(
        finding(
          this,
          `${describeObject(w.object)} is enrolled in ambient mode by ${enrolled} but ${cause}, so it leaves ambient: ` +
            'its sidecar, not ztunnel, handles its traffic; to keep it ambient, ' +
            `drop the sidecar label (or do not pre-inject it); to keep the sidecar on purpose, label its pod template ${DATAPLANE_MODE_LABEL}=none`,
          w,
        ),
      );
    }
    return out;
  },
};
