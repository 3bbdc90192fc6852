import { describeObject } from '../../../k8s/object';
import { awaitsInjection, injectedByInjector, isControlPlane, membership } from '../../mesh';
import { finding, type Rule } from '../../rule';

export const proxyWithoutInjector: Rule = {
  code: 'CDK8SI004',
  level: 'warning',
  title: 'hand-written istio-proxy container',
  explanation:
    'a pod template has an istio-proxy container that no injector made (no sidecar.istio.io/status) and no webhook will complete',
  fix: 'enable injection for the workload (the container then customizes the injected proxy), or pre-inject it with cdk8s-istio inject',
  check(index) {
    return (
      index.workloads
        // ztunnel's own container is named istio-proxy too.
        // A proxy of image 'auto' waits for the webhook: CDK8SI057's finding when none comes.
        .filter(
          (w) => w.hasProxy && !isControlPlane(w) && !awaitsInjection(w) && !injectedByInjector(w) && !membership(index, w).webhookInjects,
        )
        .map((w) =>
          finding(
            this,
            `${describeObject(w.object)} declares an istio-proxy container, but it was not made by the ` +
              'injector and no injection webhook selects the workload, so the proxy lacks its configuration, certificates and ' +
              'traffic capture; enable injection for it or pre-inject it with `cdk8s-istio inject`',
            w,
          ),
        )
    );
  },
};
