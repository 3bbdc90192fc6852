import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../support/cli';

// Bad input to the CLIs: each row gives the message it must print and the exit code; never a stack trace.
let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-bad-input-'));
  const files: Record<string, string> = {
    'broken.yaml': 'a: [1\n',
    'not-k8s.yaml': 'foo: bar\n',
    'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: b\n',
    'bad-cidr.yaml': podWith('traffic.sidecar.istio.io/includeOutboundIPRanges', '10.0.0.0/33'),
    'bad-port.yaml': podWith('traffic.sidecar.istio.io/excludeInboundPorts', '80,http'),
    'bad-mode.yaml': podWith('sidecar.istio.io/interceptionMode', 'MAGIC'),
    'bad-cpu.yaml': podWith('sidecar.istio.io/proxyCPU', 'lots'),
    'no-template.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec: {}\n',
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function podWith(annotation: string, value: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    ${annotation}: "${value}"\nspec:\n  containers:\n  - name: a\n    image: b\n`;
}

const f = (name: string) => path.join(dir, name);

const ROWS: [string, () => string[], number, RegExp][] = [
  ['analyze: a missing file', () => ['analyze', f('missing.yaml')], 2, /cannot read .*missing\.yaml: no such file/],
  ['analyze: a YAML syntax error names file and line', () => ['analyze', f('broken.yaml')], 2, /broken\.yaml:2: .*flow sequence/i],
  [
    'analyze: a document that is no Kubernetes object',
    () => ['analyze', f('not-k8s.yaml')],
    2,
    /not-k8s\.yaml:1: not a Kubernetes object \(apiVersion and kind are required\)/,
  ],
  [
    'analyze: an unknown output format',
    () => ['analyze', f('pod.yaml'), '--output', 'xml'],
    2,
    /argument 'xml' is invalid\. Allowed choices are text, json/,
  ],
  [
    'analyze: an unknown failure threshold',
    () => ['analyze', f('pod.yaml'), '--failure-threshold', 'fatal'],
    2,
    /"fatal" is not one of info, warning, error/,
  ],
  ['analyze: no input at all', () => ['analyze'], 2, /no input: name YAML files, directories, or - for standard input/],
  ['inject: no -f', () => ['inject'], 2, /required option '-f, --filename <file>' not specified/],
  ['inject: a missing input file', () => ['inject', '-f', f('missing.yaml')], 1, /cannot read input file .*missing\.yaml/],
  ['inject: a YAML syntax error names file and line', () => ['inject', '-f', f('broken.yaml')], 1, /broken\.yaml:2: invalid YAML/],
  [
    'inject: an outbound IP range that is no CIDR',
    () => ['inject', '-f', f('bad-cidr.yaml')],
    1,
    /Pod p: annotation traffic\.sidecar\.istio\.io\/includeOutboundIPRanges has invalid value "10\.0\.0\.0\/33"/,
  ],
  [
    'inject: an inbound port that is no number',
    () => ['inject', '-f', f('bad-port.yaml')],
    1,
    /excludeInboundPorts has invalid value "80,http"/,
  ],
  ['inject: an unknown interception mode', () => ['inject', '-f', f('bad-mode.yaml')], 1, /interceptionMode has invalid value "MAGIC"/],
  ['inject: a proxy CPU that is no quantity', () => ['inject', '-f', f('bad-cpu.yaml')], 1, /proxyCPU has invalid value "lots"/],
  ['inject: a workload without a pod template', () => ['inject', '-f', f('no-template.yaml')], 1, /Deployment d.*spec\.template/],
  [
    'inject: --set without "="',
    () => ['inject', '-f', f('pod.yaml'), '--set', 'global.proxy.logLevel'],
    1,
    /--set "global\.proxy\.logLevel" has no "=": write it as <path>=<value>/,
  ],
  [
    'inject: --native-sidecars that is no boolean',
    () => ['inject', '-f', f('pod.yaml'), '--native-sidecars=maybe'],
    2,
    /"maybe" is not true or false/,
  ],
  [
    'inject: a missing values file',
    () => ['inject', '-f', f('pod.yaml'), '--values', f('missing.yaml')],
    1,
    /cannot read values file .*missing\.yaml/,
  ],
  [
    'inject: a mesh config with a syntax error',
    () => ['inject', '-f', f('pod.yaml'), '--mesh-config', f('broken.yaml')],
    1,
    /broken\.yaml:2: invalid YAML/,
  ],
  [
    'inject: a revision that is no dns-1123 label',
    () => ['inject', '-f', f('pod.yaml'), '--revision', 'Bad_Rev'],
    1,
    /--revision 'Bad_Rev' is not a valid dns-1123 label/,
  ],
  ['an unknown command', () => ['bogus'], 2, /unknown command 'bogus'/],
];

const run = (args: string[]) => runCli(args);

describe('bad input to the CLI gives the message, the exit code and nothing on stdout', () => {
  test.each(ROWS)('%s', async (_name, args, code, message) => {
    const result = await run(args());
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });
});
