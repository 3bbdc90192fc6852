/**
 * The Secrets the input provides, per namespace: Secrets themselves and the objects that make one (cert-manager
 * Certificates, External Secrets, Sealed Secrets). A namespace with none of them keeps its Secrets outside the input
 * (created by hand, by a controller installed elsewhere...), so the rules judge credentials only where some exist.
 */
import { apiGroup, isRecord } from '../../../k8s/object';
import { type ObjectIndex } from '../../index-objects';
import { type SourcedObject } from '../../rule';
import { gatewayPods, type GatewayServer, type IndexedGateway, istioGateways } from './istio-gateways';

/** Kind and API group of an object that makes a Secret, and the name of the Secret it makes. */
const PROVIDERS: readonly { kind: string; group: string; secretName: (spec: Record<string, unknown>, name: string) => unknown }[] = [
  { kind: 'Secret', group: '', secretName: (_spec, name) => name },
  { kind: 'Certificate', group: 'cert-manager.io', secretName: (spec) => spec.secretName },
  { kind: 'ExternalSecret', group: 'external-secrets.io', secretName: (spec, name) => (isRecord(spec.target) && spec.target.name) || name },
  { kind: 'SealedSecret', group: 'bitnami.com', secretName: (_spec, name) => name },
];

/** Secret name -> the object that provides it, per namespace. */
function providers(index: ObjectIndex): Map<string, Map<string, SourcedObject>> {
  return index.derived('gateways.secretProviders', (idx) => {
    const byNamespace = new Map<string, Map<string, SourcedObject>>();
    for (const { kind, group, secretName } of PROVIDERS) {
      for (const entry of idx.byKind(kind)) {
        if (apiGroup(entry.object.apiVersion) !== group) continue;
        const spec = isRecord(entry.object.spec) ? entry.object.spec : {};
        const name = secretName(spec, entry.object.metadata.name ?? '');
        if (typeof name !== 'string' || !name) continue;
        const namespace = entry.object.metadata.namespace ?? 'default';
        const names = byNamespace.get(namespace) ?? new Map<string, SourcedObject>();
        if (!names.has(name)) names.set(name, entry);
        byNamespace.set(namespace, names);
      }
    }
    return byNamespace;
  });
}

/** True when the input provides some Secret in `namespace`, so a Secret missing there is a real gap. */
export function managesSecrets(index: ObjectIndex, namespace: string): boolean {
  return providers(index).has(namespace);
}

/** The object of the input that provides Secret `namespace/name` (the Secret, or what makes it). */
export function secretProvider(index: ObjectIndex, namespace: string, name: string): SourcedObject | undefined {
  return providers(index).get(namespace)?.get(name);
}

/** A Gateway credential reference as Istio's analyzer resolves it: `name` in `namespace`, or `<namespace>/<name>`. */
export function credentialTarget(reference: string, namespace: string): { namespace: string; name: string } {
  const slash = reference.indexOf('/');
  return slash < 0 ? { namespace, name: reference } : { namespace: reference.slice(0, slash), name: reference.slice(slash + 1) };
}

/** A Secret an Istio Gateway server names, resolved as Istio reads it. */
export interface ServerCredential {
  readonly gateway: IndexedGateway;
  readonly server: GatewayServer;
  /** The field that names it: `tls.credentialName`, or an item of `tls.credentialNames`. */
  readonly field: 'credentialName' | 'credentialNames';
  readonly namespace: string;
  readonly name: string;
}

/**
 * Every Secret the servers of the input's Istio Gateways name, in the namespace of the gateway pods (where Istio
 * reads credentials). Gateways that select no pods are left out: IST0101 on their selector says it.
 */
export function serverCredentials(index: ObjectIndex): ServerCredential[] {
  return istioGateways(index).flatMap((gateway) => {
    const pods = gatewayPods(index, gateway);
    if (pods.length === 0) return [];
    return gateway.servers.flatMap((server) => {
      const tls = server.tls ?? {};
      const listed: unknown[] = Array.isArray(tls.credentialNames) ? tls.credentialNames : [];
      const named = [['credentialName', tls.credentialName] as const, ...listed.map((n) => ['credentialNames', n] as const)];
      return named.flatMap(([field, reference]) =>
        typeof reference === 'string' && reference !== ''
          ? [{ gateway, server, field, ...credentialTarget(reference, pods[0].namespace) }]
          : [],
      );
    });
  });
}
