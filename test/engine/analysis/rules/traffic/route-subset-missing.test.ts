import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { routeSubsetMissing } from '../../../../../src/engine/analysis/rules/traffic/route-subset-missing';

const dr = (host: string, subsets: string[]) => ({
  object: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'echo', namespace: 'shop' },
    spec: { host, subsets: subsets.map((name) => ({ name, labels: { version: name } })) },
  },
});
const vs = {
  object: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'echo', namespace: 'shop' },
    spec: {
      hosts: ['echo'],
      http: [
        {
          name: 'canary',
          route: [
            { destination: { host: 'echo', subset: 'v1' }, weight: 90 },
            { destination: { host: 'echo', subset: 'v2' }, weight: 10 },
          ],
        },
      ],
    },
  },
};

describe('routeSubsetMissing', () => {
  test("fires for a subset the host's DestinationRule lacks", () => {
    const findings = routeSubsetMissing.check(new ObjectIndex([dr('echo.shop.svc.cluster.local', ['v1']), vs]));
    expect(findings.map((f) => [f.code, f.level])).toEqual([['IST0101', 'error']]);
    expect(findings[0].message).toMatch(
      /http route 'canary' routes to subset 'v2' of host 'echo', which no DestinationRule in the input defines/,
    );
  });

  test('is quiet when the DestinationRule defines both subsets, by short or full host', () => {
    expect(routeSubsetMissing.check(new ObjectIndex([dr('echo', ['v1', 'v2']), vs]))).toEqual([]);
    expect(routeSubsetMissing.check(new ObjectIndex([dr('echo.shop.svc.cluster.local', ['v1', 'v2']), vs]))).toEqual([]);
  });

  test('fires for a tcp route to an undefined subset, and not for a defined one', () => {
    const tcp = (subset: string) => ({
      object: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: `tcp-${subset}`, namespace: 'shop' },
        spec: { hosts: ['echo'], tcp: [{ route: [{ destination: { host: 'echo', subset } }] }] },
      },
    });
    const findings = routeSubsetMissing.check(new ObjectIndex([dr('echo', ['v1']), tcp('v1'), tcp('v3')]));
    expect(findings.map((f) => f.objects[0].name)).toEqual(['tcp-v3']);
    expect(findings[0].message).toMatch(/tcp route #1 routes to subset 'v3' of host 'echo'/);
  });

  test('does not judge when a wildcard DestinationRule is in the input', () => {
    expect(routeSubsetMissing.check(new ObjectIndex([dr('*.shop.svc.cluster.local', ['v1']), vs]))).toEqual([]);
  });
});
