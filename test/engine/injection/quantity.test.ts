import { canonicalQuantity } from '../../../src/engine/injection/quantity';

describe('canonicalQuantity', () => {
  it.each([
    ['2000m', '2'],
    ['100m', '100m'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['500Mi', '500Mi'],
    ['0.5', '500m'],
    ['1000', '1k'],
    ['1024', '1024'],
    ['512Ki', '512Ki'],
    ['0.5Ki', '512'],
    ['1e3', '1e3'],
    ['0', '0'],
    ['1.5', '1500m'],
    ['0.0000000001', '1n'],
    ['2G', '2G'],
    ['-100m', '-100m'],
  ])('writes %s as %s', (input, output) => {
    expect(canonicalQuantity(input)).toBe(output);
  });

  it.each(['', 'abc', '1.2.3', '10 m', 'm'])('rejects %j', (input) => {
    expect(canonicalQuantity(input)).toBeUndefined();
  });
});
