import { describeObject } from '../../../k8s/object';
import { DATAPLANE_MODE_LABEL, INJECTION_LABEL, REVISION_LABEL } from '../../mesh';
import { finding, type Rule } from '../../rule';

export const multipleInjectionLabels: Rule = {
  code: 'IST0123',
  level: 'warning',
  title: 'namespace has several injection labels',
  explanation: 'a namespace carries more than one kind of injection label (istio-injection with istio.io/rev or istio.io/dataplane-mode)',
  fix: 'keep one label: istio-injection=enabled, or istio.io/rev=<revision>, or istio.io/dataplane-mode=ambient',
  check(index) {
    return index.byKind('Namespace', '').flatMap((ns) => {
      const labels = ns.object.metadata.labels ?? {};
      const injection = labels[INJECTION_LABEL];
      const found = injection === undefined ? [] : [`${INJECTION_LABEL}=${injection}`];
      // istio-injection=disabled deliberately switches the others off; only then is the combination harmless.
      for (const key of [REVISION_LABEL, DATAPLANE_MODE_LABEL]) {
        if (key in labels && (injection === undefined || injection === 'enabled')) found.push(`${key}=${labels[key]}`);
      }
      if (found.length < 2) return [];
      return [
        finding(
          this,
          `${describeObject(ns.object)} has ${found.length} injection labels (${found.join(', ')}); ` +
            'which one wins is not obvious and depends on the webhooks installed; keep only one of them',
          ns,
        ),
      ];
    });
  },
};
