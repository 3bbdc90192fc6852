// What the scale runs feed the CLI (no timings here: `npm run bench` measures).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { benchConfigMap, formatScale, writeDocuments } from '../../bench/scale';
import { benchDeployment } from '../../bench/inject';
import { type KubeObject } from '../../src/engine/k8s/object';
import { parseDocuments } from '../../src/engine/yaml/documents';

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('writeDocuments writes every object as its own document, across blocks of a thousand', () => {
  const file = path.join(dir, 'cm.yaml');
  writeDocuments(file, 2500, benchConfigMap);
  const objects = parseDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.value as KubeObject);
  expect(objects).toHaveLength(2500);
  expect(new Set(objects.map((o) => o.metadata.name)).size).toBe(2500);
  expect(objects.find((o) => o.metadata.name === 'config-1234')).toMatchObject({ kind: 'ConfigMap', metadata: { namespace: 'team-234' } });
});

test('the injected stream holds Deployments with a pod template', () => {
  const file = path.join(dir, 'deploy.yaml');
  writeDocuments(file, 3, benchDeployment);
  const objects = parseDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.value as KubeObject);
  expect(objects.map((o) => `${o.kind} ${o.metadata.name}`)).toEqual(['Deployment app-0', 'Deployment app-1', 'Deployment app-2']);
  expect(objects.every((o) => JSON.stringify(o.spec).includes('"containers"'))).toBe(true);
});

test('formatScale judges peak memory against 1.5 GiB and shows failures', () => {
  const lines = formatScale([
    { label: 'analyze', inputBytes: 1024 * 1024, outputBytes: 0, wallMs: 1000, maxRssKb: 1024 * 1024 },
    { label: 'inject', inputBytes: 1024 * 1024, outputBytes: 0, wallMs: 1000, maxRssKb: 2 * 1024 * 1024 },
    { label: 'other', inputBytes: 0, failure: 'timed out after 5 s' },
  ]);
  expect(lines.find((l) => l.startsWith('| analyze'))).toMatch(/\| 1024 MiB \| met \|$/);
  expect(lines.find((l) => l.startsWith('| inject'))).toMatch(/\| 2048 MiB \| MISSED \|$/);
  expect(lines.find((l) => l.startsWith('| other'))).toContain('timed out after 5 s');
});
