import { execFileSync } from 'child_process';
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
    'bad-mesh.yaml': 'defaultConfig:\n  proxyAdminPort: 0\n',
    'scalar-global.yaml': 'global: 1\n',
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  fs.symlinkSync(path.join(dir, 'loop.yaml'), path.join(dir, 'loop.yaml'));
  fs.mkdirSync(path.join(dir, 'folder'));
  if (posix) execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function podWith(annotation: string, value: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    ${annotation}: "${value}"\nspec:\n  containers:\n  - name: a\n    image: b\n`;
}

const f = (name: string) => path.join(dir, name);
const posix = process.platform !== 'win32';

type Row = [string, () => string[], number, RegExp];

const ROWS: Row[] = [
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
  [
    'analyze: --rule with an unknown code',
    () => ['analyze', f('pod.yaml'), '--rule', 'CDK8SI999=off'],
    2,
    /^error: --rule: unknown rule code CDK8SI999: valid codes are CDK8SI001, /,
  ],
  [
    'analyze: --rule that is no <code>=<setting>',
    () => ['analyze', f('pod.yaml'), '--rule', 'CDK8SI011'],
    2,
    /--rule "CDK8SI011" is malformed: expected <code>=<off\|info\|warning\|error>/,
  ],
  [
    'analyze: --rule with a setting that is no level',
    () => ['analyze', f('pod.yaml'), '--rule', 'CDK8SI011=fatal'],
    2,
    /--rule: CDK8SI011 is set to "fatal": use one of off, info, warning, error/,
  ],
  [
    'analyze: a malformed --suppress pattern',
    () => ['analyze', f('pod.yaml'), '--suppress', 'CDK8SI011 Deployment x'],
    2,
    /--suppress "CDK8SI011 Deployment x" is malformed: expected "<code>=<Kind> <name>\[\.<namespace>\]"/,
  ],
  [
    'analyze: a --suppress pattern with an unknown code',
    () => ['analyze', f('pod.yaml'), '--suppress', 'IST9999=Pod p.default'],
    2,
    /--suppress "IST9999=Pod p\.default" names unknown rule code IST9999/,
  ],
  [
    'analyze: a link loop named directly',
    () => ['analyze', f('loop.yaml')],
    2,
    /too many levels of symbolic links .*loop\.yaml: fix the symlink loop/,
  ],
  ['analyze: a device named directly', () => ['analyze', '/dev/null'], 2, /cannot read input \/dev\/null: it is a device/],
  ...(posix
    ? ([['analyze: a FIFO named directly', () => ['analyze', f('pipe.yaml')], 2, /pipe\.yaml: it is a FIFO \(named pipe\)/]] as Row[])
    : []),
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
    2,
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
    2,
    /--revision 'Bad_Rev' is not a valid dns-1123 label/,
  ],
  ['inject: -f names a folder', () => ['inject', '-f', f('folder')], 1, /cannot read input file .*folder: it is a folder: name a file/],
  ['inject: -f names a device', () => ['inject', '-f', '/dev/zero'], 1, /cannot read input file \/dev\/zero: it is a device/],
  ...(posix
    ? ([['inject: -f names a FIFO', () => ['inject', '-f', f('pipe.yaml')], 1, /pipe\.yaml: it is a FIFO \(named pipe\): .* -$/m]] as Row[])
    : []),
  [
    'inject: a values file that is a FIFO',
    () => ['inject', '-f', f('pod.yaml'), '--values', posix ? f('pipe.yaml') : f('folder')],
    1,
    /cannot read values file .*: it is /,
  ],
  [
    'inject: a --mesh-config field the injector rejects',
    () => ['inject', '-f', f('pod.yaml'), '--mesh-config', f('bad-mesh.yaml')],
    1,
    /--mesh-config .*bad-mesh\.yaml: defaultConfig\.proxyAdminPort must be a port number from 1 to 65535/,
  ],
  [
    'inject: --set global=1',
    () => ['inject', '-f', f('pod.yaml'), '--set', 'global=1'],
    2,
    /--set "global=1": global is a map of settings/,
  ],
  [
    'inject: --set global.proxy=x',
    () => ['inject', '-f', f('pod.yaml'), '--set', 'global.proxy=x'],
    2,
    /--set "global\.proxy=x": global\.proxy is a map of settings in the values, and "x" would replace it whole/,
  ],
  [
    'inject: a values file that replaces the global map with a scalar',
    () => ['inject', '-f', f('pod.yaml'), '--values', f('scalar-global.yaml')],
    1,
    /--values .*scalar-global\.yaml: global is a map of settings in the values, and 1 would replace it whole/,
  ],
  [
    'inject: -o in a folder that does not exist',
    () => ['inject', '-f', f('pod.yaml'), '-o', f('nowhere/out.yaml')],
    1,
    /cannot write output file .*nowhere\/out\.yaml: its folder does not exist; create it first/,
  ],
  [
    'inject: -o names a folder',
    () => ['inject', '-f', f('pod.yaml'), '-o', f('folder')],
    1,
    /cannot write output file .*folder: it is a folder/,
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
    expect(
      result.stderr
        .trimEnd()
        .split('\n')
        .filter((l) => !l.startsWith('(run with --help')),
    ).toHaveLength(1);
  });
});
