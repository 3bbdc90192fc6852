import * as path from 'path';
import { attachSourceHeaders, checkRenderedDocuments } from '../../../src/engine/charts/render-check';
import { type ResolvedChart } from '../../../src/engine/charts/resolved-chart';
import { parseDocuments } from '../../../src/engine/yaml/documents';
import { UserError } from '../../../src/errors';
import { FIXTURE_CHARTS } from './test-helpers';

const istiod: ResolvedChart = {
  name: 'istiod',
  version: '1.30.3',
  path: path.join(FIXTURE_CHARTS, 'istio-control', 'istio-discovery'),
  digest: 'd',
  origin: 'fixture',
};

const doc = (source: string | undefined, kind: string, name: string) =>
  `---\n${source === undefined ? '' : `# Source: ${source}\n`}apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n`;

function check(text: string, values: Record<string, unknown> = {}): string[] {
  return checkRenderedDocuments(parseDocuments(text, 'helm'), istiod, values, 'helm template istiod (fixture)');
}

describe('checkRenderedDocuments', () => {
  test('accepts documents that name templates of the chart and include the Deployment, returning their templates', () => {
    const templates = check(
      doc('istiod/templates/serviceaccount.yaml', 'ServiceAccount', 'istiod') +
        doc('istiod/templates/deployment.yaml', 'Deployment', 'istiod') +
        doc('istiod/templates/webhooks.yaml', 'MutatingWebhookConfiguration', 'istio-sidecar-injector'),
    );
    expect(templates).toEqual(['templates/serviceaccount.yaml', 'templates/deployment.yaml', 'templates/webhooks.yaml']);
  });

  test('refuses an empty render, naming the chart', () => {
    expect(() => check('')).toThrow(UserError);
    expect(() => check('')).toThrow(/^helm template istiod \(fixture\) rendered no objects; check that HELM_BIN/);
  });

  test('refuses a document without a Source header, naming it', () => {
    const text = doc('istiod/templates/deployment.yaml', 'Deployment', 'istiod') + doc(undefined, 'ClusterRoleBinding', 'pwn');
    expect(() => check(text)).toThrow(
      "helm template istiod (fixture): document 2 (ClusterRoleBinding pwn, line 8) has no '# Source:' header",
    );
  });

  test('refuses a document naming a template the chart does not have, or a file outside templates/', () => {
    const missing = doc('istiod/templates/deployment.yaml', 'Deployment', 'istiod') + doc('istiod/templates/evil.yaml', 'Secret', 's');
    expect(() => check(missing)).toThrow(
      'document 2 (Secret s, line 9) names istiod/templates/evil.yaml, which is not a template of the chart',
    );
    const notTemplate = doc('istiod/values.yaml', 'Deployment', 'istiod');
    expect(() => check(notTemplate)).toThrow('names istiod/values.yaml, which is not a template of the chart');
  });

  test("refuses a render without istiod's Deployment, named after the revision", () => {
    const text = doc('istiod/templates/deployment.yaml', 'Deployment', 'istiod');
    expect(() => check(text, { revision: 'canary' })).toThrow(
      'helm template istiod (fixture) rendered no Deployment istiod-canary, which the istiod chart always renders for these values',
    );
  });
});

describe('checkRenderedDocuments on values that turn objects off', () => {
  const ztunnel: ResolvedChart = { ...istiod, name: 'ztunnel', path: path.join(FIXTURE_CHARTS, 'ztunnel') };
  const checkZtunnel = (text: string, values: Record<string, unknown>) =>
    checkRenderedDocuments(parseDocuments(text, 'helm'), ztunnel, values, 'helm template ztunnel (fixture)');

  test('accepts an empty render when the values turn every object off (ztunnel with only cluster-scoped objects)', () => {
    expect(checkZtunnel('', { resourceScope: 'cluster' })).toEqual([]);
    expect(checkZtunnel('', { global: { resourceScope: 'cluster' } })).toEqual([]);
  });

  test('refuses an empty render when any object is required, naming the chart', () => {
    expect(() => checkZtunnel('', {})).toThrow(/^helm template ztunnel \(fixture\) rendered no objects; check that HELM_BIN/);
    // The top-level scope wins over the global one, as in the chart.
    expect(() => checkZtunnel('', { resourceScope: 'namespace', global: { resourceScope: 'cluster' } })).toThrow(/rendered no objects/);
    expect(() => checkZtunnel('', { resourceScope: 'cluster', platform: 'openshift' })).toThrow(/rendered no objects/);
  });

  test('still refuses a document no template wrote when nothing is required', () => {
    expect(() => checkZtunnel(doc(undefined, 'Secret', 's'), { resourceScope: 'cluster' })).toThrow(/has no '# Source:' header/);
  });
});

describe('attachSourceHeaders', () => {
  test('gives a Source header followed by a bare separator to the document after it, keeping line numbers', () => {
    const helm = '---\n# Source: istiod/templates/deployment.yaml\n---\napiVersion: v1\nkind: Deployment\nmetadata:\n  name: istiod\n';
    const joined = attachSourceHeaders(helm);
    expect(joined.split('\n')).toHaveLength(helm.split('\n').length);
    const parsed = parseDocuments(joined, 'helm');
    expect(parsed.map((d) => d.line)).toEqual([4]);
    // (Webhooks managed elsewhere: the Deployment is then the only object required.)
    const values = { global: { operatorManageWebhooks: true } };
    expect(checkRenderedDocuments(parsed, istiod, values, 'helm template istiod (fixture)')).toEqual(['templates/deployment.yaml']);
    // Without it the document has no header and is refused.
    expect(() => check(helm)).toThrow("document 1 (Deployment istiod, line 4) has no '# Source:' header");
  });

  test('leaves a header followed by another header alone, so a document is never given a template it did not come from', () => {
    const helm = '---\n# Source: istiod/templates/service.yaml\n---\n# Source: istiod/templates/deployment.yaml\napiVersion: v1\n';
    expect(attachSourceHeaders(helm)).toBe(helm);
  });
});
