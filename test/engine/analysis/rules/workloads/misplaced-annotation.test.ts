import { misplacedAnnotation } from '../../../../../src/engine/analysis/rules/workloads/misplaced-annotation';
import { deployment, named, run, service } from '../../fixtures';

describe('IST0107 Istio annotation on the wrong object', () => {
  test('reports a pod annotation on the Deployment instead of its pod template', () => {
    const findings = run(misplacedAnnotation, [deployment('web', 'shop', { annotations: { 'sidecar.istio.io/proxyCPU': '100m' } })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'IST0107', level: 'warning' });
    expect(named(findings[0])).toEqual(['Deployment shop/web']);
    expect(findings[0].message).toContain('move it to the pod template');
  });

  test('reports a pod annotation on a Service', () => {
    const svc = service('web', 'shop');
    const findings = run(misplacedAnnotation, [
      { ...svc, metadata: { ...svc.metadata, annotations: { 'sidecar.istio.io/inject': 'true' } } },
    ]);
    expect(findings.map(named)).toEqual([['Service shop/web']]);
  });

  test('accepts pod annotations on pod templates and Pods, and Service annotations on Services', () => {
    const svc = service('web', 'shop');
    const objects = [
      deployment('web', 'shop', { podAnnotations: { 'sidecar.istio.io/proxyCPU': '100m' } }),
      deployment('pod', 'shop', { kind: 'Pod', podAnnotations: { 'proxy.istio.io/config': '{}' } }),
      { ...svc, metadata: { ...svc.metadata, annotations: { 'networking.istio.io/exportTo': '.' } } },
    ];
    expect(run(misplacedAnnotation, objects)).toEqual([]);
  });
});
