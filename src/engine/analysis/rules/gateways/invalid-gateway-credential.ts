import { X509Certificate } from 'crypto';
import { describeObject, isRecord } from '../../../k8s/object';
import { finding, type Finding, type Rule } from '../../rule';
import { secretProvider, serverCredentials } from './secrets';

/** The key pairs Istio reads a gateway certificate from, in its order: generic, then kubernetes.io/tls. */
const KEY_PAIRS: readonly (readonly [string, string])[] = [
  ['cert', 'key'],
  ['tls.crt', 'tls.key'],
];

export const invalidGatewayCredential: Rule = {
  code: 'IST0161',
  level: 'error',
  title: 'Gateway credential Secret is invalid',
  explanation:
    'a Secret of the input named by an Istio Gateway credentialName has no certificate and key (tls.crt/tls.key or cert/key), or its certificate is not PEM, expired or not yet valid',
  fix: 'put a valid PEM certificate and its key under tls.crt and tls.key (type kubernetes.io/tls), or renew the certificate',
  check(index) {
    const out: Finding[] = [];
    // Only credentialName, as Istio's analyzer.
    for (const { gateway, server, field, namespace, name } of serverCredentials(index)) {
      if (field !== 'credentialName') continue;
      const secret = secretProvider(index, namespace, name);
      // Only a Secret itself shows its data; what a controller will make cannot be judged.
      if (!secret || secret.object.kind !== 'Secret') continue;
      const problem = certificateProblem(secretData(secret.object), Date.now());
      if (!problem) continue;
      out.push(
        finding(
          this,
          `${describeObject(gateway.entry.object)}: ${server.label} takes its certificate from ${describeObject(secret.object)}, which ${problem}; ` +
            'put a valid PEM certificate and key under tls.crt and tls.key, or renew the certificate',
          gateway.entry,
          secret,
        ),
      );
    }
    return out;
  },
};

/** The Secret's values as text: `data` (base64) overlaid by `stringData`, as the API server merges them. */
function secretData(secret: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(secret.data)) {
    for (const [k, v] of Object.entries(secret.data)) out[k] = Buffer.from(String(v ?? ''), 'base64').toString('utf-8');
  }
  if (isRecord(secret.stringData)) for (const [k, v] of Object.entries(secret.stringData)) out[k] = String(v ?? '');
  return out;
}

/** Why the data holds no usable certificate, or undefined when it does. */
export function certificateProblem(data: Readonly<Record<string, string>>, now: number): string | undefined {
  const pair = KEY_PAIRS.find(([cert, key]) => data[cert] && data[key]);
  if (!pair) {
    const keys = Object.keys(data).sort().join(', ') || 'none';
    return `has no certificate and key under tls.crt/tls.key or cert/key (keys: ${keys})`;
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(data[pair[0]]);
  } catch {
    return `holds no PEM certificate under ${pair[0]}`;
  }
  if (now > Date.parse(certificate.validTo) || now < Date.parse(certificate.validFrom)) {
    return `holds a certificate valid only from ${certificate.validFrom} to ${certificate.validTo}`;
  }
  return undefined;
}
