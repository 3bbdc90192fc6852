import { describeObject, isRecord } from '../../../k8s/object';
import { finding, type Rule } from '../../rule';

/** Protocol names Istio recognises as a port name prefix (before '-') or an appProtocol (Istio 1.30.3). */
const PROTOCOLS = new Set(['tcp', 'udp', 'grpc', 'grpc-web', 'http', 'http_proxy', 'http2', 'https', 'tls', 'mongo', 'redis', 'mysql']);
/** Kubernetes' standard appProtocol values Istio maps. */
const K8S_APP_PROTOCOLS = new Set(['kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/wss']);
/** Ports Istio treats as TCP without a name (SMTP, DNS, MySQL, MongoDB). */
const WELL_KNOWN_TCP_PORTS = new Set([25, 53, 3306, 27017]);

export const portProtocol: Rule = {
  code: 'IST0118',
  level: 'info',
  title: 'Service port protocol not declared',
  explanation:
    'a Service port has neither a protocol-prefixed name (http-, grpc-, tcp-, ...) nor an appProtocol, so Istio has to sniff the protocol',
  fix: 'name the port <protocol>[-<suffix>] (e.g. http-web) or set appProtocol',
  check(index) {
    return index.byKind('Service', '').flatMap((svc) => {
      const labels = svc.object.metadata.labels ?? {};
      if ('istio' in labels || labels.release === 'istio' || 'gateway.istio.io/managed' in labels) return [];
      const spec = isRecord(svc.object.spec) ? svc.object.spec : {};
      if (spec.type === 'ExternalName') return [];
      const ports = (Array.isArray(spec.ports) ? spec.ports : []).filter(isRecord);
      return ports
        .filter((p) => !detectable(p))
        .map((p) =>
          finding(
            this,
            `${describeObject(svc.object)} port ${p.port}${p.name ? ` (${p.name})` : ''} does not declare its protocol, ` +
              'so Istio sniffs it (slower first bytes, no HTTP features for server-first protocols); name it <protocol>[-<suffix>] ' +
              '(http, http2, https, grpc, grpc-web, tcp, tls, mongo, mysql, redis, udp) or set appProtocol',
            svc,
          ),
        );
    });
  },
};

function detectable(port: Record<string, unknown>): boolean {
  if (port.protocol === 'UDP') return true;
  const name = String(port.appProtocol ?? port.name ?? '').toLowerCase();
  if (port.appProtocol !== undefined && K8S_APP_PROTOCOLS.has(name)) return true;
  if (name.startsWith('grpc-web')) return true;
  const dash = name.indexOf('-');
  if (PROTOCOLS.has(dash < 0 ? name : name.slice(0, dash))) return true;
  return WELL_KNOWN_TCP_PORTS.has(Number(port.port));
}
