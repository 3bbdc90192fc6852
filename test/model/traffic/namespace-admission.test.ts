import { admitsNamespace, type AdmissionUse, type AllowedNamespaces } from '../../../src/model/traffic/namespace-admission';

const unknown = () => undefined;
const labels = (ns: string) => (ns === 'shop' ? { team: 'a' } : undefined);
const judge = (allowed: AllowedNamespaces | undefined, namespace: string, use: AdmissionUse = 'route') =>
  admitsNamespace(allowed, 'edge', namespace, labels, use);
const selector = (s: unknown): AllowedNamespaces => ({ from: 'Selector', selector: s });

describe.each<AdmissionUse>(['route', 'waypoint'])('admitsNamespace for a %s', (use) => {
  test('Same by default and when written, All for every namespace', () => {
    expect(admitsNamespace(undefined, 'edge', 'shop', unknown, use)).toBe(false);
    expect(admitsNamespace(undefined, 'edge', 'edge', unknown, use)).toBe(true);
    expect(admitsNamespace({ from: 'Same' }, 'edge', 'shop', unknown, use)).toBe(false);
    expect(admitsNamespace({ from: 'All' }, 'edge', 'shop', unknown, use)).toBe(true);
  });

  test('a selector is judged by the known labels with the name label, matchExpressions included', () => {
    expect(judge(selector({ matchLabels: { team: 'a' } }), 'shop', use)).toBe(true);
    expect(judge(selector({ matchLabels: { team: 'b' } }), 'shop', use)).toBe(false);
    expect(judge(selector({ matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }), 'shop', use)).toBe(true);
    expect(judge(selector({ matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'c'] }] }), 'shop', use)).toBe(true);
    expect(judge(selector({ matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] }), 'shop', use)).toBe(false);
    expect(
      judge(selector({ matchLabels: { team: 'a' }, matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }), 'shop', use),
    ).toBe(false);
    // An empty selector selects every namespace, as Kubernetes reads it.
    expect(judge(selector({}), 'shop', use)).toBe(true);
  });

  test('a namespace with unknown labels: a selector on the name label alone is judged, others get the benefit of the doubt', () => {
    expect(judge(selector({ matchLabels: { team: 'b' } }), 'blog', use)).toBe(true);
    expect(judge(selector({ matchExpressions: [{ key: 'team', operator: 'Exists' }] }), 'blog', use)).toBe(true);
    expect(judge(selector({ matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }), 'blog', use)).toBe(false);
    expect(judge(selector({ matchLabels: { 'kubernetes.io/metadata.name': 'blog' } }), 'blog', use)).toBe(true);
    const notIn = { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['blog'] }] };
    expect(judge(selector(notIn), 'blog', use)).toBe(false);
  });
});

describe('admitsNamespace: where Istio reads routes and waypoints differently', () => {
  test('Selector without a selector: every namespace for a route, none for a waypoint', () => {
    expect(judge({ from: 'Selector' }, 'shop', 'route')).toBe(true);
    expect(judge({ from: 'Selector' }, 'shop', 'waypoint')).toBe(false);
    expect(judge({ from: 'Selector' }, 'edge', 'waypoint')).toBe(false);
  });

  test('an unknown from: read as Selector for a route, as Same for a waypoint', () => {
    expect(judge({ from: 'Elsewhere', selector: { matchLabels: { team: 'a' } } }, 'shop', 'route')).toBe(true);
    expect(judge({ from: 'Elsewhere', selector: { matchLabels: { team: 'a' } } }, 'shop', 'waypoint')).toBe(false);
    expect(judge({ from: 'Elsewhere' }, 'edge', 'waypoint')).toBe(true);
  });
});
