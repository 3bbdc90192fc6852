/** The volumes the proxy needs, and its mounts of them, per template flavour. */
import { InjectionError } from './errors';
import { annotationOr, hasAnnotation, type TemplateInput, value, valueString, valueTruthy } from './context';
import { isRecord } from '../k8s/object';
import { type Tree } from './tree';

export type Flavour = 'sidecar' | 'gateway' | 'grpc-agent';

const GKE_CA = 'GkeWorkloadCertificate';

export function proxyVolumeMounts(input: TemplateInput, flavour: Flavour): Tree[] {
  const gke = value(input, 'global.caName') === GKE_CA;
  const istiodCa = value(input, 'global.pilotCertProvider') === 'istiod';
  const mounts: Tree[] = [{ name: 'workload-socket', mountPath: '/var/run/secrets/workload-spiffe-uds' }];
  if (flavour !== 'grpc-agent') mounts.push({ name: 'credential-socket', mountPath: '/var/run/secrets/credential-uds' });
  mounts.push(
    gke
      ? { name: 'gke-workload-certificate', mountPath: '/var/run/secrets/workload-spiffe-credentials', readOnly: true }
      : { name: 'workload-certs', mountPath: '/var/run/secrets/workload-spiffe-credentials' },
  );
  if (istiodCa) {
    mounts.push({ mountPath: '/var/run/secrets/istio', name: 'istiod-ca-cert' });
    if (flavour === 'sidecar') mounts.push({ mountPath: '/var/run/secrets/istio/crl', name: 'istio-ca-crl' });
  }
  mounts.push({ mountPath: '/var/lib/istio/data', name: 'istio-data' });
  if (flavour !== 'grpc-agent' && hasAnnotation(input, 'sidecar.istio.io/bootstrapOverride')) {
    mounts.push({ mountPath: '/etc/istio/custom-bootstrap', name: 'custom-bootstrap-volume' });
  }
  mounts.push({ mountPath: '/etc/istio/proxy', name: flavour === 'grpc-agent' ? 'istio-xds' : 'istio-envoy' });
  mounts.push({ mountPath: '/var/run/secrets/tokens', name: 'istio-token' });
  if (valueTruthy(input, 'global.mountMtlsCerts')) mounts.push({ mountPath: '/etc/certs/', name: 'istio-certs', readOnly: true });
  mounts.push({ name: 'istio-podinfo', mountPath: '/etc/istio/pod' });
  if (flavour === 'sidecar') {
    const lightstep = lightstepCaDir(input);
    if (lightstep !== undefined) mounts.push({ mountPath: lightstep, name: 'lightstep-certs', readOnly: true });
    mounts.push(...userEntries(input, 'sidecar.istio.io/userVolumeMount'));
  }
  return mounts;
}

export function proxyVolumes(input: TemplateInput, flavour: Flavour): Tree[] {
  const gke = value(input, 'global.caName') === GKE_CA;
  const volumes: Tree[] = [{ name: 'workload-socket' }];
  if (flavour === 'sidecar') volumes.push({ name: 'credential-socket' });
  if (flavour === 'gateway') volumes.push({ emptyDir: {}, name: 'credential-socket' });
  if (gke) volumes.push({ name: 'gke-workload-certificate', csi: { driver: 'workloadcertificates.security.cloud.google.com' } });
  else volumes.push(flavour === 'gateway' ? { emptyDir: {}, name: 'workload-certs' } : { name: 'workload-certs' });
  if (flavour !== 'grpc-agent' && hasAnnotation(input, 'sidecar.istio.io/bootstrapOverride')) {
    volumes.push({ name: 'custom-bootstrap-volume', configMap: { name: annotationOr(input, 'sidecar.istio.io/bootstrapOverride', '') } });
  }
  volumes.push({ emptyDir: { medium: 'Memory' }, name: flavour === 'grpc-agent' ? 'istio-xds' : 'istio-envoy' });
  volumes.push({ name: 'istio-data', emptyDir: {} });
  volumes.push({
    name: 'istio-podinfo',
    downwardAPI: {
      items: [
        { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
        { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
      ],
    },
  });
  volumes.push({
    name: 'istio-token',
    projected: {
      sources: [{ serviceAccountToken: { path: 'istio-token', expirationSeconds: 43200, audience: value(input, 'global.sds.token.aud') } }],
    },
  });
  if (value(input, 'global.pilotCertProvider') === 'istiod') volumes.push(caCertVolume(input));
  if (flavour === 'sidecar') {
    volumes.push({
      name: 'istio-ca-crl',
      configMap: { name: valueString(input, 'pilot.crlConfigMapName') || 'istio-ca-crl', optional: true },
    });
  }
  if (valueTruthy(input, 'global.mountMtlsCerts')) {
    const account = typeof input.spec.serviceAccountName === 'string' ? input.spec.serviceAccountName : '';
    volumes.push({ name: 'istio-certs', secret: { optional: true, secretName: account === '' ? 'istio.default' : `istio.${account}` } });
  }
  if (flavour === 'sidecar') {
    volumes.push(...userEntries(input, 'sidecar.istio.io/userVolume'));
    if (lightstepCaDir(input) !== undefined)
      volumes.push({ name: 'lightstep-certs', secret: { optional: true, secretName: 'lightstep.cacert' } });
  }
  return volumes;
}

function caCertVolume(input: TemplateInput): Tree {
  const bundle = valueString(input, 'global.trustBundleName');
  const env = value(input, 'pilot.env');
  if (isRecord(env) && env.ENABLE_CLUSTER_TRUST_BUNDLE_API === true) {
    return {
      name: 'istiod-ca-cert',
      projected: { sources: [{ clusterTrustBundle: { name: `istio.io:istiod-ca:${bundle || 'root-cert'}`, path: 'root-cert.pem' } }] },
    };
  }
  return { name: 'istiod-ca-cert', configMap: { name: bundle || 'istio-ca-root-cert' } };
}

/** The directory of the lightstep CA file, when the lightstep tracer has TLS settings. */
function lightstepCaDir(input: TemplateInput): string | undefined {
  if (value(input, 'global.proxy.tracer') !== 'lightstep') return undefined;
  const tracing = input.proxyConfig.tracing;
  const tls = isRecord(tracing) ? tracing.tlsSettings : undefined;
  if (!isRecord(tls)) return undefined;
  const file = typeof tls.caCertificates === 'string' ? tls.caCertificates : '';
  return file.slice(0, file.lastIndexOf('/') + 1);
}

/** Entries of a JSON map annotation (user volumes or mounts): one item per key, in key order. */
function userEntries(input: TemplateInput, annotation: string): Tree[] {
  const text = input.annotations[annotation];
  if (text === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InjectionError(`${annotation} must be a JSON map of name to definition, got ${JSON.stringify(text)}`, undefined, annotation);
  }
  if (!isRecord(parsed)) throw new InjectionError(`${annotation} must be a JSON map of name to definition`, undefined, annotation);
  return Object.keys(parsed)
    .sort()
    .map((name) => ({ name, ...(isRecord(parsed[name]) ? parsed[name] : {}) }));
}
