import { describeObject, isRecord } from '../../../k8s/object';
import { finding, type Finding, type Rule } from '../../rule';
import { k8sGateways } from './gateway-api';
import { managesSecrets, secretProvider } from './secrets';

export const listenerSecretNotFound: Rule = {
  code: 'CDK8SI055',
  level: 'error',
  title: 'listener certificate Secret not in the output',
  explanation:
    'a Gateway API listener tls.certificateRefs names a Secret that is missing from its namespace, although the input provides other Secrets there (Secret, cert-manager Certificate, ExternalSecret, SealedSecret)',
  fix: 'create the Secret (in the Gateway namespace unless the reference names another), or correct the certificateRef',
  check(index) {
    const out: Finding[] = [];
    for (const gw of k8sGateways(index)) {
      for (const listener of gw.listeners) {
        const refs: unknown[] = Array.isArray(listener.tls?.certificateRefs) ? listener.tls.certificateRefs : [];
        for (const ref of refs.filter(isRecord)) {
          // Only core Secrets (group "" and kind Secret, the defaults) are judged.
          if ((ref.group ?? '') !== '' || (ref.kind ?? 'Secret') !== 'Secret' || typeof ref.name !== 'string') continue;
          const namespace = typeof ref.namespace === 'string' && ref.namespace ? ref.namespace : gw.namespace;
          if (!managesSecrets(index, namespace) || secretProvider(index, namespace, ref.name)) continue;
          out.push(
            finding(
              this,
              `${describeObject(gw.entry.object)}: listener '${listener.name}' takes its certificate from Secret ${namespace}/${ref.name}, ` +
                `which is not in the output (namespace ${namespace} has other Secrets); create it or correct the certificateRef`,
              gw.entry,
            ),
          );
        }
      }
    }
    return out;
  },
};
