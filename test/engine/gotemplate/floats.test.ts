import { formatFloat } from '../../../src/engine/gotemplate/floats';

describe('formatFloat', () => {
  test.each<[number, 'e' | 'f' | 'g', number, string]>([
    [123456.789, 'e', -1, '1.234568e+05'],
    [0, 'e', 2, '0.00e+00'],
    [3.14159, 'f', 2, '3.14'],
    [1e21, 'f', 1, '1000000000000000000000.0'],
    [100000, 'g', -1, '100000'],
    [1000000, 'g', -1, '1e+06'],
    [1234.5678, 'g', 3, '1.23e+03'],
    [1, 'g', 3, '1'],
    [-2.5, 'g', -1, '-2.5'],
    [Number.POSITIVE_INFINITY, 'g', -1, '+Inf'],
  ])('%p as %%%s (precision %p)', (n, verb, prec, expected) => {
    expect(formatFloat(n, verb, prec)).toBe(expected);
  });
});

describe('rounding', () => {
  test.each<[number, 'e' | 'f' | 'g', number, string]>([
    [2.25, 'f', 1, '2.2'],
    [2.35, 'f', 1, '2.4'],
    [0.125, 'f', 2, '0.12'],
    [9.95, 'f', 1, '9.9'],
    [99.5, 'f', 0, '100'],
    [2.5, 'e', 0, '2e+00'],
    [1.25, 'g', 2, '1.2'],
    [9.5, 'g', 1, '1e+01'],
  ])('rounds exact ties to even: %p as %%%s (precision %p)', (n, verb, prec, expected) => {
    expect(formatFloat(n, verb, prec)).toBe(expected);
  });
});
