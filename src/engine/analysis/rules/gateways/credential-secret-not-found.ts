import { describeObject } from '../../../k8s/object';
import { finding, type Finding, type Rule } from '../../rule';
import { gatewayPods, istioGateways } from './istio-gateways';
import { credentialTarget, managesSecrets, secretProvider } from './secrets';

export const credentialSecretNotFound: Rule = {
  code: 'IST0101',
  level: 'error',
  title: 'Gateway credentialName Secret not in the output',
  explanation:
    "an Istio Gateway server's credentialName names a Secret that is missing from the gateway pods' namespace, although the input provides other Secrets there (Secret, cert-manager Certificate, ExternalSecret, SealedSecret)",
  fix: "create the Secret in the gateway pods' namespace (not the Gateway's), or correct credentialName",
  check(index) {
    const out: Finding[] = [];
    for (const gw of istioGateways(index)) {
      // Istio reads credentials in the namespace of the gateway pods; without pods, IST0101 on the selector says it.
      const pods = gatewayPods(index, gw);
      if (pods.length === 0) continue;
      for (const server of gw.servers) {
        const tls = server.tls ?? {};
        const names = [tls.credentialName, ...(Array.isArray(tls.credentialNames) ? tls.credentialNames : [])];
        for (const reference of names.filter((n): n is string => typeof n === 'string' && n !== '')) {
          const { namespace, name } = credentialTarget(reference, pods[0].namespace);
          if (!managesSecrets(index, namespace) || secretProvider(index, namespace, name)) continue;
          out.push(
            finding(
              this,
              `${describeObject(gw.entry.object)}: ${server.label} takes its certificate from Secret ${namespace}/${name}, ` +
                `which is not in the output (namespace ${namespace} has other Secrets); create it there, in the gateway pods' namespace, or correct credentialName`,
              gw.entry,
            ),
          );
        }
      }
    }
    return out;
  },
};
