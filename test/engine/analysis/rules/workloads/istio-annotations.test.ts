import { ISTIO_ANNOTATIONS, isIstioAnnotation } from '../../../../../src/engine/analysis/rules/workloads/istio-annotations';

describe('Istio annotation table', () => {
  test('recognises annotations of every istio.io domain only', () => {
    expect(isIstioAnnotation('sidecar.istio.io/inject')).toBe(true);
    expect(isIstioAnnotation('istio.io/rev')).toBe(true);
    expect(isIstioAnnotation('example.com/istio.io')).toBe(false);
    expect(isIstioAnnotation('notistio.io.example.com/x')).toBe(false);
  });

  test('places pod annotations on pods and exportTo on Services', () => {
    expect(ISTIO_ANNOTATIONS.get('proxy.istio.io/config')).toEqual(['Pod']);
    expect(ISTIO_ANNOTATIONS.get('networking.istio.io/exportTo')).toEqual(['Service']);
  });
});
