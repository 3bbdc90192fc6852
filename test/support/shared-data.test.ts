import * as fs from 'fs';
import * as path from 'path';
import { CONFORMANCE_KUBE_INJECT, REFERENCE_GATEWAY_API, REFERENCE_ISTIO, sharedPath } from './shared-data';

describe('sharedPath', () => {
  test('resolves beside the repository root, whichever test directory asks', () => {
    const repoRoot = path.resolve(__dirname, '..', '..');
    expect(fs.existsSync(path.join(repoRoot, 'package.json'))).toBe(true);
    expect(sharedPath()).toBe(path.join(path.dirname(repoRoot), 'shared'));
    expect(sharedPath('reference', 'x.yaml')).toBe(path.join(path.dirname(repoRoot), 'shared', 'reference', 'x.yaml'));
  });

  test('names the reference and conformance folders under it', () => {
    expect(REFERENCE_ISTIO).toBe(sharedPath('reference', 'istio-1.30.3'));
    expect(REFERENCE_GATEWAY_API).toBe(sharedPath('reference', 'gateway-api-v1.5.1'));
    expect(CONFORMANCE_KUBE_INJECT).toBe(sharedPath('conformance', 'kube-inject'));
  });
});
