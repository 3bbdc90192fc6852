import { isOneOf, type ValueRule } from './checks';
import { isValuesObject } from './common';

/** The platforms Istio 1.30.3's charts ship settings for (files/profile-platform-<name>.yaml in each chart). */
export type IstioPlatform = 'gke' | 'k3d' | 'k3s' | 'microk8s' | 'minikube' | 'openshift';

/** Platform names accepted by the charts; anything else makes helm fail. */
export const ISTIO_PLATFORMS: readonly IstioPlatform[] = ['gke', 'k3d', 'k3s', 'microk8s', 'minikube', 'openshift'];

/**
 * Where GKE keeps CNI binaries. The cni chart's `gke` platform leaves `cniBinDir` empty and detects GKE from the
 * cluster's version string, which an offline `helm template` does not have (it would write /opt/cni/bin).
 */
export const GKE_CNI_BIN_DIR = '/home/kubernetes/bin';

const platformRule = (path: string): ValueRule => ({
  path,
  accepts: isOneOf(ISTIO_PLATFORMS),
  expected: `one of ${ISTIO_PLATFORMS.join(', ')}`,
  fix: 'leave it unset for a cluster with standard CNI paths (EKS, AKS and most others)',
});

/** The two keys the charts read the platform from (`platform` wins where both are set). */
export const PLATFORM_RULES: readonly ValueRule[] = [platformRule('global.platform'), platformRule('platform')];

/** The platform a chart applies for `values`: `platform`, else `global.platform`, as the charts coalesce them. */
export function platformOf(values: Record<string, unknown>): string | undefined {
  const global = isValuesObject(values.global) ? values.global : {};
  return nonEmpty(values.platform) ?? nonEmpty(global.platform);
}

/** The profile a chart applies for `values`: `profile`, else `global.profile`. */
export function profileOf(values: Record<string, unknown>): string | undefined {
  const global = isValuesObject(values.global) ? values.global : {};
  return nonEmpty(values.profile) ?? nonEmpty(global.profile);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
