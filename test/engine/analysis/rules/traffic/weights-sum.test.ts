import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { routeWeightsSum } from '../../../../../src/engine/analysis/rules/traffic/weights-sum';

const vs = (weights: number[]) => ({
  object: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'echo', namespace: 'shop' },
    spec: {
      hosts: ['echo'],
      http: [{ name: 'split', route: weights.map((weight, i) => ({ destination: { host: 'echo', subset: `v${i + 1}` }, weight })) }],
    },
  },
});

describe('routeWeightsSum', () => {
  test("fires when a route's weights add up to 90", () => {
    const findings = routeWeightsSum.check(new ObjectIndex([vs([80, 10])]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI080', level: 'warning', objects: [{ kind: 'VirtualService', name: 'echo' }] });
    expect(findings[0].message).toMatch(/http route 'split' destination weights sum to 90/);
  });

  test('is quiet when they add up to 100', () => {
    expect(routeWeightsSum.check(new ObjectIndex([vs([90, 10])]))).toEqual([]);
  });
});
