import { describeObject } from '../../../k8s/object';
import { finding, type Finding, type Rule } from '../../rule';
import { managesSecrets, secretProvider, serverCredentials } from './secrets';

export const credentialSecretNotFound: Rule = {
  code: 'IST0101',
  level: 'error',
  title: 'Gateway credentialName Secret not in the output',
  explanation:
    "an Istio Gateway server's credentialName names a Secret that is missing from the gateway pods' namespace, although the input provides other Secrets there (Secret, cert-manager Certificate, ExternalSecret, SealedSecret)",
  fix: "create the Secret in the gateway pods' namespace (not the Gateway's), or correct credentialName",
  check(index) {
    const out: Finding[] = [];
    for (const { gateway, server, namespace, name } of serverCredentials(index)) {
      if (!managesSecrets(index, namespace) || secretProvider(index, namespace, name)) continue;
      out.push(
        finding(
          this,
          `${describeObject(gateway.entry.object)}: ${server.label} takes its certificate from Secret ${namespace}/${name}, ` +
            `which is not in the output (namespace ${namespace} has other Secrets); create it there, in the gateway pods' namespace, or correct credentialName`,
          gateway.entry,
        ),
      );
    }
    return out;
  },
};
