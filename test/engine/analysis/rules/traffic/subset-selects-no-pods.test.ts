import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { subsetSelectsNoPods } from '../../../../../src/engine/analysis/rules/traffic/subset-selects-no-pods';

const service = {
  object: {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'echo', namespace: 'shop' },
    spec: { selector: { app: 'echo' }, ports: [{ port: 80 }] },
  },
};
const deployment = (version: string) => ({
  object: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `echo-${version}`, namespace: 'shop' },
    spec: {
      template: { metadata: { labels: { app: 'echo', version } }, spec: { containers: [{ name: 'echo', image: 'hashicorp/http-echo' }] } },
    },
  },
});
const dr = (versions: string[]) => ({
  object: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'echo', namespace: 'shop' },
    spec: { host: 'echo', subsets: versions.map((v) => ({ name: v, labels: { version: v } })) },
  },
});

describe('subsetSelectsNoPods', () => {
  test("fires for a subset whose labels match none of the Service's pods", () => {
    const findings = subsetSelectsNoPods.check(new ObjectIndex([service, deployment('v1'), dr(['v1', 'v2'])]));
    expect(findings.map((f) => [f.code, f.level])).toEqual([['IST0173', 'error']]);
    expect(findings[0].message).toMatch(/subset 'v2' \(version=v2\) selects none of the pods of Service shop\/echo \(workloads: echo-v1\)/);
  });

  test('is quiet when every subset has pods', () => {
    expect(subsetSelectsNoPods.check(new ObjectIndex([service, deployment('v1'), deployment('v2'), dr(['v1', 'v2'])]))).toEqual([]);
  });
});
