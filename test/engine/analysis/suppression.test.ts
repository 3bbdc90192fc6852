import { ObjectIndex } from '../../../src/engine/analysis/index-objects';
import { type Finding } from '../../../src/engine/analysis/rule';
import { globMatch, parseSuppressions, Suppressor } from '../../../src/engine/analysis/suppression';
import { UserError } from '../../../src/errors';

const CODES = new Set(['CDK8SI011', 'IST0102', 'IST0103']);

function about(code: string, kind: string, name: string, namespace?: string): Finding {
  return { code, level: 'error', message: 'm', objects: [{ kind, name, ...(namespace ? { namespace } : {}) }] };
}

function suppressor(patterns: string[], objects: ObjectIndex = new ObjectIndex()): Suppressor {
  return new Suppressor(objects, parseSuppressions(patterns, '--suppress', CODES));
}

describe('suppression patterns', () => {
  test('match a namespaced object as name.namespace, with * in the name', () => {
    const s = suppressor(['CDK8SI011=Deployment *.legacy']);
    expect(s.reason(about('CDK8SI011', 'Deployment', 'client', 'legacy'))).toBe('pattern');
    expect(s.reason(about('CDK8SI011', 'Deployment', 'client', 'shop'))).toBeUndefined();
    expect(s.reason(about('CDK8SI011', 'Job', 'client', 'legacy'))).toBeUndefined();
  });

  test('match a cluster-scoped object by its name alone', () => {
    const s = suppressor(['IST0102=Namespace frod']);
    expect(s.reason(about('IST0102', 'Namespace', 'frod'))).toBe('pattern');
    expect(s.reason(about('IST0102', 'Namespace', 'frodo'))).toBeUndefined();
    expect(s.reason(about('IST0103', 'Namespace', 'frod'))).toBeUndefined();
  });

  test('take * in the code and the namespace, and several patterns comma-separated as istioctl does', () => {
    const s = suppressor(['IST*=Pod web.*', 'CDK8SI011=Job a.b,IST0102=Namespace x']);
    expect(s.reason(about('IST0103', 'Pod', 'web', 'any'))).toBe('pattern');
    expect(s.reason(about('CDK8SI011', 'Pod', 'web', 'any'))).toBeUndefined();
    expect(s.reason(about('IST0102', 'Namespace', 'x'))).toBe('pattern');
  });

  test.each([
    ['CDK8SI011'],
    ['CDK8SI011=Deployment'],
    ['CDK8SI011=Deployment  a'],
    ['CDK8SI011=Deployment a b'],
    ['=Deployment a'],
    ['CDK8SI011=deploy/ment a'],
    [''],
  ])('reject the malformed pattern "%s", showing the expected shape', (pattern) => {
    const run = () => parseSuppressions([pattern], '--suppress', CODES);
    expect(run).toThrow(UserError);
    expect(run).toThrow(`--suppress "${pattern}" is malformed: expected "<code>=<Kind> <name>[.<namespace>]"`);
  });

  test('reject an unknown code without wildcard (a typo would suppress nothing), and a non-string entry', () => {
    expect(() => parseSuppressions(['IST0999=Pod a.b'], 'analysis.suppress', CODES)).toThrow(
      'analysis.suppress "IST0999=Pod a.b" names unknown rule code IST0999: valid codes are CDK8SI011, IST0102, IST0103',
    );
    expect(() => parseSuppressions([42], 'analysis.suppress', CODES)).toThrow(/42 is not a string/);
  });
});

describe('the analyze-suppress annotation', () => {
  test('suppresses the listed codes, or every code with *, on the object the finding is about', () => {
    const annotated = (name: string, value: string) => ({
      object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, annotations: { 'galley.istio.io/analyze-suppress': value } } },
    });
    const s = suppressor([], new ObjectIndex([annotated('quiet', 'IST0103, IST0102'), annotated('all', '*')]));
    expect(s.reason(about('IST0102', 'Namespace', 'quiet'))).toBe('annotation');
    expect(s.reason(about('CDK8SI011', 'Namespace', 'quiet'))).toBeUndefined();
    expect(s.reason(about('CDK8SI011', 'Namespace', 'all'))).toBe('annotation');
    expect(s.reason(about('IST0102', 'Namespace', 'loud'))).toBeUndefined();
  });

  test('on a namespaced object, suppresses findings about that object in its own namespace only', () => {
    const web = {
      object: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop', annotations: { 'galley.istio.io/analyze-suppress': 'CDK8SI011' } },
      },
    };
    const s = suppressor([], new ObjectIndex([web]));
    expect(s.reason(about('CDK8SI011', 'Deployment', 'web', 'shop'))).toBe('annotation');
    expect(s.reason(about('CDK8SI011', 'Deployment', 'web', 'legacy'))).toBeUndefined();
  });
});

describe('globMatch', () => {
  test.each([
    ['*', '', true],
    ['a*c', 'abbbc', true],
    ['a*c', 'abbbd', false],
    ['*.legacy', 'x.y.legacy', true],
    ['a**b', 'ab', true],
    ['abc', 'ab', false],
    ['*a*a*a*a*b', 'a'.repeat(200), false],
  ])('%s against %s: %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });
});
