import { strategicMerge } from '../../../src/engine/injection/merge';
import { at, list } from '../../support/json';

describe('strategicMerge', () => {
  it('merges containers by name and puts new patch items before the original-only ones', () => {
    const pod = { spec: { containers: [{ name: 'app', image: 'a' }], volumes: [{ name: 'data' }] } };
    const patch = {
      spec: { containers: [{ name: 'app', env: [{ name: 'X', value: '1' }] }, { name: 'proxy' }], volumes: [{ name: 'v1' }] },
    };
    const merged = strategicMerge(pod, patch);
    expect(at(merged, 'spec', 'containers')).toEqual([{ name: 'app', image: 'a', env: [{ name: 'X', value: '1' }] }, { name: 'proxy' }]);
    expect(at(merged, 'spec', 'volumes')).toEqual([{ name: 'v1' }, { name: 'data' }]);
  });

  it('keeps an original item ahead of a patch item that follows it in the original', () => {
    const pod = {
      spec: {
        containers: [
          {
            name: 'c',
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
          },
        ],
      },
    };
    const patch = {
      spec: {
        containers: [
          {
            name: 'c',
            env: [
              { name: 'B', value: '3' },
              { name: 'N', value: 'n' },
            ],
          },
        ],
      },
    };
    const merged = strategicMerge(pod, patch);
    expect(list(merged, 'spec', 'containers', 0, 'env').map((e) => `${String(e.name)}=${String(e.value)}`)).toEqual(['A=1', 'B=3', 'N=n']);
  });

  it('replaces lists without a merge key and merges maps', () => {
    const pod = { spec: { containers: [{ name: 'c', args: ['a', 'b'], securityContext: { runAsUser: 1 } }] } };
    const patch = { spec: { containers: [{ name: 'c', args: ['z'], securityContext: { runAsGroup: 2 } }] } };
    expect(at(strategicMerge(pod, patch), 'spec', 'containers', 0)).toEqual({
      name: 'c',
      args: ['z'],
      securityContext: { runAsUser: 1, runAsGroup: 2 },
    });
  });

  it('deletes keys set to null and items marked $patch: delete', () => {
    const pod = { metadata: { labels: { a: '1', b: '2' } }, spec: { volumes: [{ name: 'x' }, { name: 'y' }] } };
    const patch = { metadata: { labels: { a: null } }, spec: { volumes: [{ name: 'x', $patch: 'delete' }] } };
    expect(strategicMerge(pod, patch)).toEqual({ metadata: { labels: { b: '2' } }, spec: { volumes: [{ name: 'y' }] } });
  });

  it('merges volume mounts by mount path and ports by container port', () => {
    const pod = { spec: { containers: [{ name: 'c', volumeMounts: [{ name: 'a', mountPath: '/a' }], ports: [{ containerPort: 80 }] }] } };
    const patch = {
      spec: {
        containers: [
          { name: 'c', volumeMounts: [{ name: 'b', mountPath: '/a', readOnly: true }], ports: [{ containerPort: 80, name: 'http' }] },
        ],
      },
    };
    const c = at(strategicMerge(pod, patch), 'spec', 'containers', 0);
    expect(at(c, 'volumeMounts')).toEqual([{ name: 'b', mountPath: '/a', readOnly: true }]);
    expect(at(c, 'ports')).toEqual([{ containerPort: 80, name: 'http' }]);
  });

  it('does not change its inputs', () => {
    const pod = { spec: { containers: [{ name: 'c' }] } };
    const snapshot = JSON.stringify(pod);
    strategicMerge(pod, { spec: { containers: [{ name: 'c', image: 'x' }] } });
    expect(JSON.stringify(pod)).toBe(snapshot);
  });
});
