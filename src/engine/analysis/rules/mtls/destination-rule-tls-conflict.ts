import { describeObject, isRecord } from '../../../k8s/object';
import { type Workload } from '../../index-objects';
import { membership } from '../../mesh';
import { effectiveMode, type PeerAuthn } from '../../mtls';
import { finding, type Rule, type SourcedObject } from '../../rule';

/** Client TLS modes that do not present the mesh certificate a STRICT server demands. */
const CONFLICTING = new Set(['DISABLE', 'SIMPLE']);

export const destinationRuleTlsConflict: Rule = {
  code: 'IST0113',
  level: 'error',
  title: 'DestinationRule TLS conflicts with STRICT mTLS',
  explanation: 'a DestinationRule sends plain text (DISABLE) or one-way TLS (SIMPLE) to a host whose workloads require STRICT mTLS',
  fix: 'use tls mode ISTIO_MUTUAL (or drop the tls setting: auto mTLS picks it), or relax the PeerAuthentication',
  check(index) {
    return index.byKind('DestinationRule', 'networking.istio.io').flatMap((dr) => {
      const spec = isRecord(dr.object.spec) ? dr.object.spec : {};
      if (typeof spec.host !== 'string') return [];
      const namespace = dr.object.metadata.namespace ?? 'default';
      const conflicts = new Map<PeerAuthn, string>();
      const policies = [
        spec.trafficPolicy,
        ...(Array.isArray(spec.subsets) ? spec.subsets.map((s: unknown) => (isRecord(s) ? s.trafficPolicy : undefined)) : []),
      ];
      for (const service of index.servicesForHost(spec.host, namespace)) {
        for (const port of servicePorts(service)) {
          for (const policy of policies) {
            const mode = tlsModeAt(policy, spec.trafficPolicy, port.port);
            if (!mode || !CONFLICTING.has(mode)) continue;
            for (const w of index.workloadsOfService(service)) {
              if (!membership(index, w).inMesh) continue;
              const resolved = effectiveMode(index, w, targetPort(w, port));
              if (resolved.mode === 'STRICT' && resolved.policy && !conflicts.has(resolved.policy)) {
                conflicts.set(resolved.policy, `tls mode ${mode} on port ${port.port} of ${describeObject(service.object)}`);
              }
            }
          }
        }
      }
      if (conflicts.size === 0) return [];
      const list = [...conflicts].map(([pa, what]) => `${what} (STRICT by ${describeObject(pa.entry.object)})`).join('; ');
      return [
        finding(
          this,
          `${describeObject(dr.object)} for host ${spec.host} sets ${list}: those workloads refuse such ` +
            'connections; use tls mode ISTIO_MUTUAL or remove the tls setting',
          dr,
          ...[...conflicts.keys()].map((p) => p.entry),
        ),
      ];
    });
  },
};

interface ServicePort {
  readonly port: number;
  /** As written: a number, a numeric string or a container port name (anything else names no port). */
  readonly targetPort?: unknown;
}

function servicePorts(service: SourcedObject): ServicePort[] {
  const spec = isRecord(service.object.spec) ? service.object.spec : {};
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  return ports.filter(isRecord).flatMap((p) => {
    if (typeof p.port !== 'number') return [];
    return [{ port: p.port, ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}) }];
  });
}

/** The TLS mode a traffic policy sets for a port: its port-level setting, else its own, else the top-level policy's. */
function tlsModeAt(policy: unknown, topLevel: unknown, port: number): string | undefined {
  for (const p of policy === topLevel ? [policy] : [policy, topLevel]) {
    if (!isRecord(p)) continue;
    const portSetting = Array.isArray(p.portLevelSettings)
      ? p.portLevelSettings.filter(isRecord).find((s) => isRecord(s.port) && s.port.number === port)
      : undefined;
    const portTls = isRecord(portSetting?.tls) ? portSetting.tls.mode : undefined;
    const mode = portTls ?? (isRecord(p.tls) ? p.tls.mode : undefined);
    if (typeof mode === 'string') return mode;
  }
  return undefined;
}

/** The container port a Service port reaches on a workload (a named targetPort resolves through its containers). */
function targetPort(w: Workload, port: ServicePort): number | undefined {
  if (port.targetPort === undefined) return port.port;
  if (typeof port.targetPort === 'number') return port.targetPort;
  if (typeof port.targetPort === 'string' && /^\d+$/.test(port.targetPort)) return Number(port.targetPort);
  return w.containers.flatMap((c) => c.ports).find((p) => p.name === port.targetPort)?.containerPort;
}
