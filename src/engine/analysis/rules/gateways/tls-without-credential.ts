import { describeObject } from '../../../k8s/object';
import { finding, type Finding, type Rule } from '../../rule';
import { type Listener, k8sGateways } from './gateway-api';
import { type GatewayServer, istioGateways } from './istio-gateways';

const TERMINATING_MODES = new Set(['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL']);

export const tlsWithoutCredential: Rule = {
  code: 'CDK8SI052',
  level: 'error',
  title: 'TLS server without a certificate',
  explanation:
    'an Istio Gateway server terminates TLS (SIMPLE, MUTUAL) or speaks HTTPS/TLS with no certificate source, or a Gateway API listener terminates TLS without certificateRefs, so Istio rejects it or serves no certificate',
  fix: 'set tls.credentialName to the Secret holding the certificate (Gateway API: tls.certificateRefs), or pass TLS through',
  check(index) {
    const out: Finding[] = [];
    for (const gw of istioGateways(index)) {
      for (const server of gw.servers) {
        const problem = serverProblem(server);
        if (problem) out.push(finding(this, `${describeObject(gw.entry.object)}: ${server.label} ${problem}`, gw.entry));
      }
    }
    for (const gw of k8sGateways(index)) {
      for (const listener of gw.listeners.filter(terminatesWithoutCertificate)) {
        out.push(
          finding(
            this,
            `${describeObject(gw.entry.object)}: listener '${listener.name}' terminates ${listener.protocol} without tls.certificateRefs; ` +
              'name the Secret holding the certificate in tls.certificateRefs, or use protocol TLS with tls.mode Passthrough',
            gw.entry,
          ),
        );
      }
    }
    return out;
  },
};

function serverProblem(server: GatewayServer): string | undefined {
  const { tls, protocol } = server;
  if (!tls) {
    if (protocol !== 'HTTPS' && protocol !== 'TLS') return undefined;
    return `speaks ${protocol} without tls settings; add tls with mode SIMPLE and a credentialName (or PASSTHROUGH for protocol TLS)`;
  }
  if (!TERMINATING_MODES.has(String(tls.mode))) return undefined;
  const hasSource =
    (typeof tls.credentialName === 'string' && tls.credentialName !== '') ||
    (Array.isArray(tls.credentialNames) && tls.credentialNames.length > 0) ||
    (Array.isArray(tls.tlsCertificates) && tls.tlsCertificates.length > 0) ||
    (!!tls.serverCertificate && !!tls.privateKey);
  if (hasSource) return undefined;
  return `terminates TLS (${String(tls.mode)}) without a certificate; set tls.credentialName to the Secret holding it, or serverCertificate and privateKey`;
}

function terminatesWithoutCertificate(listener: Listener): boolean {
  const mode = listener.tls?.mode ?? 'Terminate';
  const terminates = listener.protocol === 'HTTPS' || (listener.protocol === 'TLS' && mode === 'Terminate');
  const refs = listener.tls?.certificateRefs;
  return terminates && !(Array.isArray(refs) && refs.length > 0);
}
