import { InjectionError } from '../../../src/engine/injection/errors';
import { normalizePodSpec, normalizeWorkload } from '../../../src/engine/injection/normalize';
import { at } from '../../support/json';

describe('Kubernetes type normalization', () => {
  it('writes resource quantities canonically and drops empty optional fields', () => {
    const spec: Record<string, unknown> = {
      containers: [
        {
          name: 'a',
          image: '',
          resources: { limits: { cpu: '1000m', memory: 1073741824 } },
          env: [{ name: 'E', value: '' }],
          readinessProbe: { initialDelaySeconds: 0, periodSeconds: 5 },
        },
      ],
      initContainers: [],
      volumes: [{ name: 'v', emptyDir: { sizeLimit: '1024Mi' } }],
    };
    normalizePodSpec(spec);
    expect(spec).toEqual({
      containers: [
        {
          name: 'a',
          resources: { limits: { cpu: '1', memory: '1073741824' } },
          env: [{ name: 'E' }],
          readinessProbe: { periodSeconds: 5 },
        },
      ],
      volumes: [{ name: 'v', emptyDir: { sizeLimit: '1Gi' } }],
    });
  });

  it('rejects a quantity Kubernetes would not read', () => {
    expect(() => normalizePodSpec({ containers: [{ name: 'a', resources: { limits: { cpu: 'lots' } } }] })).toThrow(InjectionError);
  });

  it('writes workloads as the Go types do', () => {
    const dc: Record<string, unknown> = { kind: 'DeploymentConfig', spec: { paused: false, minReadySeconds: 0 } };
    normalizeWorkload(dc);
    expect(dc.spec).toEqual({ test: false });
    expect(at(dc, 'status', 'latestVersion')).toBe(0);
  });
});
