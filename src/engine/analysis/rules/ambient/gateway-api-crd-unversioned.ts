import { finding, type Rule } from '../../rule';
import { BUNDLE_VERSION_ANNOTATION } from '../../../gateway-api/crd-bundle';
import { versionedCrds } from './gateway-api-crds';

export const gatewayApiCrdUnversioned: Rule = {
  code: 'CDK8SI034',
  level: 'warning',
  title: 'Gateway API CRD without a bundle version',
  explanation:
    'a GRPCRoute, BackendTLSPolicy or TLSRoute CRD has no readable gateway.networking.k8s.io/bundle-version annotation, so istiod cannot check its version and ignores every resource of that kind',
  fix: 'install the CRDs from a Gateway API release (v1.5.1), which carry the annotation, instead of a copy without it',
  check(index) {
    return versionedCrds(index).flatMap((crd) => {
      if (crd.version) return [];
      const what =
        crd.bundleVersion === undefined
          ? `has no ${BUNDLE_VERSION_ANNOTATION} annotation`
          : `has ${BUNDLE_VERSION_ANNOTATION}: '${crd.bundleVersion}', which is not a version`;
      return [
        finding(
          this,
          `CustomResourceDefinition ${crd.name} ${what}, so istiod ignores the CRD and none of its resources take effect; ` +
            'install the CRDs from a Gateway API release (v1.5.1), which carry the annotation',
          crd.entry,
        ),
      ];
    });
  },
};
