/** The Istio release this package renders by default. Charts, images and injection all follow it. */
export const ISTIO_VERSION = '1.30.3';

/** Where released Istio images live; the chart's own default points at a testing registry instead. */
export const DEFAULT_HUB = 'docker.io/istio';

/** Namespace the control plane is installed into unless told otherwise. */
export const DEFAULT_NAMESPACE = 'istio-system';
