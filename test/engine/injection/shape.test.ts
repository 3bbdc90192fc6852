import { InjectionError } from '../../../src/engine/injection/errors';
import { checkPodShape } from '../../../src/engine/injection/shape';

describe('checkPodShape', () => {
  it('accepts a well-formed pod', () => {
    expect(() => checkPodShape({ labels: { a: 'b' } }, { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] })).not.toThrow();
  });

  it.each([
    [{ labels: true }, {}, /metadata.labels must be a map of strings/],
    [{ annotations: { a: 1 } }, {}, /metadata.annotations.a must be a string/],
    [{}, { containers: [null] }, /spec.containers\[0\] must be a map/],
    [{}, { containers: 'app' }, /spec.containers must be a list/],
    [{}, { containers: [{ name: 'c', env: [1] }] }, /spec.containers\[0\].env\[0\] must be a map/],
    [{}, { volumes: [{ name: 3 }] }, /spec.volumes\[0\].name must be a string/],
  ])('rejects %j %j', (meta, spec, message) => {
    expect(() => checkPodShape(meta, spec)).toThrow(InjectionError);
    expect(() => checkPodShape(meta, spec)).toThrow(message);
  });
});
