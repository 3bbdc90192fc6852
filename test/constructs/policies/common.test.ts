import { App, Chart } from 'cdk8s';
import {
  integerProblem,
  nameFromHost,
  namespaceOf,
  percentProblem,
  portProblem,
  selectorProblems,
} from '../../../src/constructs/policies/common';

describe('policy helpers', () => {
  test("namespaceOf prefers the given namespace, then the chart's", () => {
    const chart = new Chart(new App(), 'c', { namespace: 'shop' });
    expect(namespaceOf(chart, 'web')).toBe('web');
    expect(namespaceOf(chart, undefined)).toBe('shop');
  });

  test('nameFromHost takes the first DNS label, when valid', () => {
    expect(nameFromHost('reviews.shop.svc.cluster.local')).toBe('reviews');
    expect(nameFromHost('*.example.com')).toBeUndefined();
  });

  test('selectorProblems rejects empty selectors and empty or wildcard keys', () => {
    expect(selectorProblems({ app: 'x' })).toEqual([]);
    expect(selectorProblems({})).toEqual([expect.stringMatching(/selector \{\} is empty/)]);
    expect(selectorProblems({ '': 'x' })).toEqual([expect.stringMatching(/selector label key '' is not allowed/)]);
  });

  test('range problems name the value and the range', () => {
    expect(integerProblem('attempts', 1.5, 0, 10)).toBe('attempts 1.5 is out of range: use a whole number from 0 to 10');
    expect(integerProblem('attempts', 3, 0, 10)).toBeUndefined();
    expect(percentProblem('share', -1)).toBe('share -1 is out of range: use a percentage from 0 to 100');
    expect(portProblem('port', 65536)).toBe('port 65536 is out of range: use a port number from 1 to 65535');
    expect(portProblem('port', 443)).toBeUndefined();
  });
});
