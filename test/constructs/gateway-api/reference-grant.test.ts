import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CrossNamespaceGrants, ReferenceGrant } from '../../../src/constructs/gateway-api/reference-grant';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { validationErrors } from '../../support/chart';

const grants = (chart: Chart) => (chart.toJson() as KubeObject[]).filter((o) => o.kind === 'ReferenceGrant');

describe('ReferenceGrant', () => {
  test('renders from and to with the Gateway API and core groups by default; addTo ignores duplicates', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const grant = new ReferenceGrant(chart, 'G', {
      name: 'allow-web',
      namespace: 'backend',
      from: [{ kind: 'HTTPRoute', namespace: 'web' }],
      to: [{ kind: 'Service' }],
    });
    grant.addTo({ kind: 'Service' });
    grant.addTo({ kind: 'Secret', name: 'tls' });
    expect(validationErrors(app)).toEqual([]);
    expect(grants(chart).find((g) => g.metadata.name === 'allow-web')?.spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }],
      to: [
        { group: '', kind: 'Service' },
        { group: '', kind: 'Secret', name: 'tls' },
      ],
    });
  });

  test('fails without from or to and on a bad namespace', () => {
    const app = new App();
    new ReferenceGrant(new Chart(app, 'c'), 'G', { name: 'g', namespace: 'Bad_NS', from: [], to: [] });
    expect(validationErrors(app)).toEqual([
      expect.stringMatching(/^reference grant namespace 'Bad_NS' is not a valid dns-1123 label/),
      expect.stringMatching(/^reference grant has no `from`/),
      expect.stringMatching(/^reference grant has no `to`/),
    ]);
  });
});

describe('CrossNamespaceGrants', () => {
  test('creates one grant per namespace referred into and none for the own namespace', () => {
    const chart = new Chart(new App(), 'c');
    const owner = new Construct(chart, 'Owner');
    const book = new CrossNamespaceGrants(owner, { kind: 'HTTPRoute', name: 'web', namespace: 'shop' }, true);
    book.add({ group: '', kind: 'Service', name: 'a', namespace: 'shop' });
    book.add({ group: '', kind: 'Service', name: 'b', namespace: 'backend' });
    book.add({ group: '', kind: 'Service', name: 'c', namespace: 'backend' });
    expect(book.problems()).toEqual([]);
    expect(grants(chart).map((g) => [g.metadata.namespace, g.spec])).toEqual([
      [
        'backend',
        {
          from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
          to: [
            { group: '', kind: 'Service', name: 'b' },
            { group: '', kind: 'Service', name: 'c' },
          ],
        },
      ],
    ]);
  });

  test('reports the reference when the referrer has no namespace', () => {
    const owner = new Construct(new Chart(new App(), 'c'), 'Owner');
    const book = new CrossNamespaceGrants(owner, { kind: 'HTTPRoute', name: 'web', namespace: undefined }, true);
    book.add({ group: '', kind: 'Service', name: 'b', namespace: 'backend' });
    expect(book.problems()).toEqual([
      expect.stringMatching(/^Service 'backend\/b' is in another namespace but this HTTPRoute has none: set its `namespace`/),
    ]);
  });
});
