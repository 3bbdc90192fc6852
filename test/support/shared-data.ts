// Where tests read the upstream data that sits beside the clone (../shared, see its README files): one place resolves
// it from the repository root, so no test counts `..` segments. The data is read at test time, never copied in.
import * as path from 'path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** `<repository root>/../shared/<parts>`; whether it exists is for the caller to check (and skip, saying so). */
export function sharedPath(...parts: string[]): string {
  return path.join(REPO_ROOT, '..', 'shared', ...parts);
}

/** helm template renders of the Istio 1.30.3 charts. */
export const REFERENCE_ISTIO = sharedPath('reference', 'istio-1.30.3');
/** The Gateway API v1.5.1 release's install files. */
export const REFERENCE_GATEWAY_API = sharedPath('reference', 'gateway-api-v1.5.1');
/** Istio's kube-inject test cases as data. */
export const CONFORMANCE_KUBE_INJECT = sharedPath('conformance', 'kube-inject');
