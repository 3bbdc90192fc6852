import { unknownAnnotation } from '../../../../../src/engine/analysis/rules/workloads/unknown-annotation';
import { deployment, named, namespace, run } from '../../fixtures';

describe('IST0108 unknown Istio annotation', () => {
  test('reports a misspelled sidecar annotation on a pod template', () => {
    const findings = run(unknownAnnotation, [deployment('web', 'shop', { podAnnotations: { 'sidecar.istio.io/proxyCpu': '100m' } })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'IST0108', level: 'warning' });
    expect(named(findings[0])).toEqual(['Deployment shop/web']);
    expect(findings[0].message).toContain('the pod template of Deployment shop/web has annotation sidecar.istio.io/proxyCpu');
  });

  test('reports unknown annotations in any istio.io domain on namespaces', () => {
    expect(
      run(unknownAnnotation, [{ ...namespace('shop'), metadata: { name: 'shop', annotations: { 'foo.istio.io/bar': 'x' } } }]),
    ).toHaveLength(1);
  });

  test('accepts known annotations and annotations of other domains', () => {
    const objects = [
      deployment('web', 'shop', {
        podAnnotations: {
          'sidecar.istio.io/proxyCPU': '100m',
          'traffic.sidecar.istio.io/excludeOutboundPorts': '25',
          'example.com/x': 'y',
        },
      }),
    ];
    expect(run(unknownAnnotation, objects)).toEqual([]);
  });
});
