import { finding, type Rule } from '../../rule';
import { formatVersion, isBelow, versionedCrds } from './gateway-api-crds';

export const gatewayApiCrdVersion: Rule = {
  code: 'IST0176',
  level: 'warning',
  title: 'Gateway API CRD too old for Istio',
  explanation:
    'a Gateway API CRD has a bundle version below what Istio 1.30 needs for its kind (GRPCRoute v1.1.0, BackendTLSPolicy v1.4.0, TLSRoute v1.5.0), so istiod ignores every resource of that kind',
  fix: 'install the Gateway API CRDs of the version Istio is built against (v1.5.1)',
  check(index) {
    return versionedCrds(index).flatMap((crd) => {
      if (!crd.version || !isBelow(crd.version, crd.minimum)) return [];
      return [
        finding(
          this,
          `CustomResourceDefinition ${crd.name} has bundle version ${crd.bundleVersion ?? ''}, but Istio 1.30 needs at least ` +
            `${formatVersion(crd.minimum)} for it and ignores the CRD, so none of its resources take effect; ` +
            'install the Gateway API CRDs v1.5.1 (the version Istio 1.30 is built against)',
          crd.entry,
        ),
      ];
    });
  },
};
