// Small builders of plain Kubernetes objects for the analysis tests.
import { analyze } from '../../../src/engine/analysis/analyze';
import { type Finding, type Rule, type SourcedObject } from '../../../src/engine/analysis/rule';
import { type KubeObject } from '../../../src/engine/k8s/object';

export function run(rule: Rule, objects: readonly KubeObject[]): Finding[] {
  return analyze(
    objects.map((object): SourcedObject => ({ object })),
    { rules: [rule] },
  );
}

/** `Kind ns/name` of every object a finding names, for order-independent assertions. */
export function named(finding: Finding): string[] {
  return finding.objects.map((o) => `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`);
}

export function namespace(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export interface WorkloadOptions {
  readonly kind?: string;
  readonly podLabels?: Record<string, string>;
  readonly podAnnotations?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly labels?: Record<string, string>;
  readonly containers?: Record<string, unknown>[];
  readonly podSpec?: Record<string, unknown>;
}

export function deployment(name: string, ns: string, options: WorkloadOptions = {}): KubeObject {
  const podLabels = options.podLabels ?? { app: name };
  const template = {
    metadata: { labels: podLabels, ...(options.podAnnotations ? { annotations: options.podAnnotations } : {}) },
    spec: { containers: options.containers ?? [{ name, image: 'example/app:1', ports: [{ containerPort: 8080 }] }], ...options.podSpec },
  };
  const kind = options.kind ?? 'Deployment';
  const metadata = {
    name,
    namespace: ns,
    ...(options.annotations ? { annotations: options.annotations } : {}),
    ...(options.labels ? { labels: options.labels } : {}),
  };
  if (kind === 'Pod')
    return {
      apiVersion: 'v1',
      kind,
      metadata: { ...metadata, labels: podLabels, annotations: options.podAnnotations },
      spec: template.spec,
    };
  if (kind === 'CronJob')
    return { apiVersion: 'batch/v1', kind, metadata, spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } };
  return { apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1', kind, metadata, spec: { selector: { matchLabels: podLabels }, template } };
}

/** A pod template as `cdk8s-istio inject` leaves it: an istio-proxy container and the status annotation. */
export function preInjected(name: string, ns: string, options: WorkloadOptions = {}): KubeObject {
  return deployment(name, ns, {
    ...options,
    podAnnotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}', ...options.podAnnotations },
    containers: [
      { name, image: 'example/app:1' },
      { name: 'istio-proxy', image: 'istio/proxyv2:1.30.3' },
    ],
  });
}

export function service(
  name: string,
  ns: string,
  ports: Record<string, unknown>[] = [{ name: 'http', port: 80, targetPort: 8080 }],
  selector: Record<string, string> = { app: name },
): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector, ports } };
}

export function peerAuthentication(name: string, ns: string, spec: Record<string, unknown>, creationTimestamp?: string): KubeObject {
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name, namespace: ns, ...(creationTimestamp ? { creationTimestamp } : {}) },
    spec,
  };
}

export function destinationRule(name: string, ns: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name, namespace: ns }, spec };
}

/** The istiod Deployment of a revision, as the istiod chart labels it. */
export function istiod(revision = 'default'): KubeObject {
  const name = revision === 'default' ? 'istiod' : `istiod-${revision}`;
  return deployment(name, 'istio-system', {
    labels: { app: 'istiod', 'istio.io/rev': revision },
    podLabels: { app: 'istiod', 'istio.io/rev': revision, istio: 'pilot' },
  });
}

export function injectionWebhook(name: string, webhooks: Record<string, unknown>[], labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name, labels }, webhooks };
}
