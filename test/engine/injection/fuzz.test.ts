import { buildInjectionSettings, InjectionError, injectObject, injectYaml, type InjectionSettings } from '../../../src/engine/injection';
import { UserError } from '../../../src/errors';
import { stringifyDocuments, YamlParseError } from '../../../src/engine/yaml/documents';

/**
 * Fuzzed workloads from a seeded PRNG: whatever the input, the engine returns a result or throws
 * InjectionError; any other exception is a crash. Deterministic: the same seed gives the same input.
 */

const CASES = 300;

/** Inputs like those that crashed the engine when the fuzzer found them (reduced by hand), so a fix stays fixed. */
const CRASHERS: Readonly<Record<string, unknown>> = {
  'pod template labels that are not a map': deployment({ labels: true }, [{ name: 'web', image: 'nginx' }]),
  'a null entry in spec.containers': deployment({}, [{ name: 'web', image: 'nginx' }, null]),
  'a null container with the gateway template': deployment({ annotations: { 'inject.istio.io/templates': 'gateway' } }, [null]),
  'proxy.istio.io/overrides that is not JSON': deployment({ annotations: { 'proxy.istio.io/overrides': '{bad' } }, [
    { name: 'web', image: 'nginx' },
  ]),
};

function deployment(templateMeta: Record<string, unknown>, containers: unknown[]): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: templateMeta, spec: { containers } } },
  };
}

/** mulberry32: a tiny, well-mixed 32-bit PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  private readonly next: () => number;
  /** How often a field gets a value of the wrong type; every fourth seed is hostile. */
  private readonly junkRate: number;
  constructor(seed: number) {
    this.next = prng(seed);
    this.junkRate = seed % 4 === 0 ? 0.15 : 0.03;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  name(): string {
    if (this.chance(0.05)) return this.pick(['', 'x'.repeat(70), 'UPPER', 'a.b', '-lead', 'trail-']);
    return `${this.pick(['web', 'api', 'db', 'worker', 'istio-proxy', 'hello'])}${this.chance(0.5) ? `-${this.int(0, 99)}` : ''}`;
  }
  /** Sometimes the wrong type, as a hand-written YAML file might have. */
  junk(): unknown {
    return this.pick([null, 42, 'text', true, [], {}, [1, 'two'], { nested: { deep: 1 } }, -1, 1.5, [null], { '': '' }]);
  }
  /** `make()`, or now and then a value of the wrong type. */
  or(make: () => unknown): unknown {
    return this.chance(this.junkRate) ? this.junk() : make();
  }
}

const KINDS: readonly (readonly [string, string])[] = [
  ['v1', 'Pod'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'DaemonSet'],
  ['apps/v1', 'ReplicaSet'],
  ['apps/v1', 'StatefulSet'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
  ['v1', 'ReplicationController'],
  ['apps.openshift.io/v1', 'DeploymentConfig'],
  ['v1', 'List'],
  ['v1', 'Service'],
  ['v1', 'ConfigMap'],
  ['apps/v1beta1', 'Deployment'],
  ['example.com/v1', 'Widget'],
];

/** Annotation values, valid and invalid, for the annotations the injector reads. */
const ANNOTATIONS: Readonly<Record<string, readonly string[]>> = {
  'sidecar.istio.io/inject': ['true', 'false', 'maybe', ''],
  'sidecar.istio.io/nativeSidecar': ['true', 'false', 'yes'],
  'sidecar.istio.io/interceptionMode': ['REDIRECT', 'TPROXY', 'NONE', 'bogus'],
  'traffic.sidecar.istio.io/includeOutboundIPRanges': ['*', '10.0.0.0/8', 'bad', '', '10.0.0.0/8,fd00::/8'],
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': ['10.1.0.0/16', '*', 'x/y'],
  'traffic.sidecar.istio.io/includeInboundPorts': ['*', '80,8080', '', 'http'],
  'traffic.sidecar.istio.io/excludeInboundPorts': ['15020', '*', '99999'],
  'traffic.sidecar.istio.io/excludeOutboundPorts': ['443', 'bad'],
  'traffic.sidecar.istio.io/includeOutboundPorts': ['443', '1,2,3'],
  'traffic.sidecar.istio.io/kubevirtInterfaces': ['net1', 'bad name'],
  'traffic.sidecar.istio.io/excludeInterfaces': ['eth1', ''],
  'istio.io/reroute-virtual-interfaces': ['net1,net2', '9'],
  'status.sidecar.istio.io/port': ['15020', '0', '-1', 'port'],
  'readiness.status.sidecar.istio.io/initialDelaySeconds': ['1', 'x'],
  'readiness.status.sidecar.istio.io/periodSeconds': ['10', '-5'],
  'readiness.status.sidecar.istio.io/failureThreshold': ['3', '1.5'],
  'readiness.status.sidecar.istio.io/applicationPorts': ['80', 'x', ''],
  'sidecar.istio.io/proxyCPU': ['100m', 'lots', ''],
  'sidecar.istio.io/proxyMemory': ['128Mi', '1Gi\n'],
  'sidecar.istio.io/proxyCPULimit': ['2', 'two'],
  'sidecar.istio.io/proxyMemoryLimit': ['1Gi', '-1Gi'],
  'sidecar.istio.io/proxyImage': ['example.com/proxy:1', ''],
  'sidecar.istio.io/proxyImageType': ['distroless', 'debug', 'weird'],
  'sidecar.istio.io/logLevel': ['debug', 'nonsense'],
  'sidecar.istio.io/componentLogLevel': ['misc:debug', ':::'],
  'sidecar.istio.io/agentLogLevel': ['default:debug', 'x'],
  'sidecar.istio.io/rewriteAppHTTPProbers': ['true', 'false', 'nah'],
  'sidecar.istio.io/userVolume': ['{"v":{"emptyDir":{}}}', '{"broken', '[]', 'null'],
  'sidecar.istio.io/userVolumeMount': ['{"v":{"mountPath":"/v"}}', '{', '"text"'],
  'sidecar.istio.io/bootstrapOverride': ['my-bootstrap'],
  'sidecar.istio.io/capNetBindService': ['true', 'x'],
  'sidecar.istio.io/enableCoreDump': ['true', 'x'],
  'sidecar.istio.io/statsInclusionPrefixes': ['a,b'],
  'inject.istio.io/templates': ['sidecar', 'gateway', 'grpc-agent', 'sidecar,grpc-agent', 'no-such-template', ''],
  'proxy.istio.io/config': [
    'holdApplicationUntilProxyStarts: true',
    'drainDuration: 23s',
    '{{{',
    '- list',
    'concurrency: two',
    'proxyMetadata:\n  A: "1"',
  ],
  'proxy.istio.io/overrides': ['{"containers":[{"name":"istio-proxy"}]}', '{bad', '[]'],
  'prometheus.io/scrape': ['true', 'false'],
  'prometheus.io/port': ['9090', 'x'],
  'prometheus.io/path': ['/metrics'],
  'prometheus.istio.io/merge-metrics': ['true', 'false', 'sometimes'],
  'kubectl.kubernetes.io/default-container': ['web', 'nope'],
  'kubectl.kubernetes.io/default-logs-container': ['web'],
  'sidecar.istio.io/status': ['{"initContainers":["istio-init"],"containers":["istio-proxy"]}', 'not json'],
};

const LABELS: Readonly<Record<string, readonly string[]>> = {
  app: ['web', 'api', ''],
  version: ['v1', 'v2'],
  'app.kubernetes.io/name': ['shop'],
  'service.istio.io/canonical-name': ['canon'],
  'sidecar.istio.io/inject': ['true', 'false'],
  'istio.io/rev': ['canary', 'default'],
  'topology.istio.io/network': ['net1'],
};

function annotations(g: Gen): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(ANNOTATIONS);
  for (let i = g.int(0, 5); i > 0; i--) {
    const key = g.pick(keys);
    out[key] = g.or(() => g.pick(ANNOTATIONS[key]));
  }
  return out;
}

function labels(g: Gen): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = g.int(0, 3); i > 0; i--) {
    const key = g.pick(Object.keys(LABELS));
    out[key] = g.or(() => g.pick(LABELS[key]));
  }
  return out;
}

function port(g: Gen): unknown {
  return g.or(() => g.pick([80, 8080, 15020, 15090, 0, 65535, 'http', 'metrics', 'missing-name']));
}

function probe(g: Gen): unknown {
  if (g.chance(0.05)) return g.junk();
  if (g.chance(0.05)) return { httpGet: g.junk(), tcpSocket: g.junk() };
  const common = g.chance(0.5) ? { initialDelaySeconds: g.int(0, 30), periodSeconds: g.int(1, 10) } : {};
  switch (g.int(0, 4)) {
    case 0:
      return {
        ...common,
        httpGet: {
          port: port(g),
          path: g.pick(['/', '/ready', 'no-slash', '']),
          ...(g.chance(0.2) ? { host: '127.0.0.1' } : {}),
          ...(g.chance(0.2) ? { scheme: 'HTTPS' } : {}),
        },
      };
    case 1:
      return { ...common, tcpSocket: { port: port(g) } };
    case 2:
      return { ...common, grpc: { port: g.pick([9000, 'grpc']) } };
    case 3:
      return { ...common, exec: { command: ['cat', '/tmp/ready'] } };
    default:
      return common;
  }
}

function container(g: Gen): unknown {
  if (g.chance(0.03)) return g.junk();
  const c: Record<string, unknown> = { name: g.or(() => g.name()), image: g.or(() => g.pick(['nginx', 'example.com/app:1.0', ''])) };
  if (g.chance(0.6)) {
    c.ports = g.or(() =>
      Array.from({ length: g.int(0, 3) }, () =>
        g.or(() => ({
          containerPort: port(g),
          ...(g.chance(0.5) ? { name: g.pick(['http', 'metrics', 'grpc', 'http-alt']) } : {}),
          ...(g.chance(0.3) ? { protocol: g.pick(['TCP', 'UDP', 'SCTP', 'tcp']) } : {}),
        })),
      ),
    );
  }
  for (const p of ['readinessProbe', 'livenessProbe', 'startupProbe']) if (g.chance(0.3)) c[p] = probe(g);
  if (g.chance(0.3))
    c.env = g.or(() => [{ name: 'A', value: '1' }, g.or(() => ({ name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }))]);
  if (g.chance(0.2))
    c.securityContext = g.or(() => ({
      runAsUser: g.or(() => g.pick([0, 1337, 1000, -1])),
      ...(g.chance(0.5) ? { runAsGroup: 3000 } : {}),
    }));
  if (g.chance(0.2)) c.resources = g.or(() => ({ limits: g.or(() => ({ cpu: g.pick(['1', '500m', 'bad']) })) }));
  if (g.chance(0.2)) c.volumeMounts = g.or(() => [g.or(() => ({ name: 'data', mountPath: '/data' }))]);
  if (g.chance(0.1)) c.restartPolicy = 'Always';
  return c;
}

function podSpec(g: Gen): unknown {
  if (g.chance(0.03)) return g.junk();
  const spec: Record<string, unknown> = {};
  if (!g.chance(0.05)) spec.containers = g.or(() => Array.from({ length: g.int(0, 4) }, () => container(g)));
  if (g.chance(0.25)) spec.initContainers = g.or(() => Array.from({ length: g.int(1, 2) }, () => container(g)));
  if (g.chance(0.1)) spec.hostNetwork = g.or(() => g.pick([true, false]));
  if (g.chance(0.2)) spec.volumes = g.or(() => [g.or(() => ({ name: 'data', emptyDir: {} }))]);
  if (g.chance(0.2)) spec.securityContext = g.or(() => ({ fsGroup: g.pick([1337, 2000]), ...(g.chance(0.5) ? { runAsUser: 1000 } : {}) }));
  if (g.chance(0.2)) spec.serviceAccountName = g.or(() => g.name());
  if (g.chance(0.1)) spec.imagePullSecrets = g.or(() => [g.or(() => ({ name: 'pull' }))]);
  if (g.chance(0.1)) spec.dnsPolicy = 'ClusterFirst';
  return spec;
}

function meta(g: Gen, generated = false): Record<string, unknown> {
  const m: Record<string, unknown> = {};
  if (!g.chance(0.05)) m.name = g.or(() => g.name());
  if (g.chance(0.4)) m.namespace = g.or(() => g.pick(['default', 'shop', 'istio-system', 'kube-system']));
  if (g.chance(0.7)) m.labels = g.or(() => labels(g));
  if (g.chance(0.7)) m.annotations = g.or(() => annotations(g));
  if (generated && g.chance(0.3)) {
    m.generateName = 'web-5d4f8-';
    m.ownerReferences = g.or(() => [
      {
        apiVersion: 'apps/v1',
        kind: g.pick(['ReplicaSet', 'Job', 'ReplicationController']),
        name: g.pick(['web-5d4f8', 'nightly-27890123', 'x']),
        controller: true,
        uid: 'u',
      },
    ]);
  }
  return m;
}

function template(g: Gen): unknown {
  return g.or(() => ({ metadata: g.or(() => meta(g)), spec: podSpec(g) }));
}

function workload(g: Gen, depth = 0): Record<string, unknown> {
  const [apiVersion, kind] = g.pick(depth > 0 ? KINDS.filter(([, k]) => k !== 'List') : KINDS);
  const object: Record<string, unknown> = { apiVersion, kind, metadata: g.or(() => meta(g, kind === 'Pod')) };
  if (kind === 'Pod') object.spec = podSpec(g);
  else if (kind === 'List') object.items = g.or(() => Array.from({ length: g.int(0, 3) }, () => g.or(() => workload(g, depth + 1))));
  else if (kind === 'CronJob')
    object.spec = { schedule: '* * * * *', jobTemplate: g.or(() => ({ spec: g.or(() => ({ template: template(g) })) })) };
  else if (kind === 'Service' || kind === 'ConfigMap') object.data = { a: 'b' };
  else object.spec = g.or(() => ({ selector: { matchLabels: { app: 'web' } }, template: template(g) }));
  return object;
}

/**
 * Line-level damage to a YAML stream: dropped, repeated, swapped or re-indented lines, and stray syntax.
 * No `*alias` tokens: alias errors are a known gap of parseDocuments (see the CLI test of aliases).
 */
function mangle(g: Gen, text: string): string {
  const lines = text.split('\n');
  for (let i = g.int(1, 4); i > 0; i--) {
    const at = g.int(0, lines.length - 1);
    switch (g.int(0, 4)) {
      case 0:
        lines.splice(at, 1);
        break;
      case 1:
        lines.splice(at, 0, lines[at]);
        break;
      case 2:
        lines[at] = `${g.pick(['  ', ''])}${lines[at].replace(/^ {2}/, g.pick(['', '    ']))}`;
        break;
      case 3:
        [lines[at], lines[0]] = [lines[0], lines[at]];
        break;
      default:
        lines[at] = `${lines[at]}${g.pick([' [', ' {', ': x', ' "open', ' !!int x', ' &anchor', ' - y', ' # c', '\t'])}`;
    }
  }
  return lines.join('\n');
}

const SET_PATHS = [
  'global',
  'global.proxy',
  'global.proxy.image',
  'global.proxy.statusPort',
  'global.proxy.resources',
  'global.proxy.resources.limits',
  'global.proxy.includeIPRanges',
  'global.proxy.excludeInboundPorts',
  'global.proxy.logLevel',
  'global.proxy.holdApplicationUntilProxyStarts',
  'global.proxy.startupProbe.enabled',
  'global.proxy.readinessFailureThreshold',
  'global.proxy.lifecycle',
  'global.proxy_init.image',
  'global.hub',
  'global.tag',
  'global.imagePullPolicy',
  'global.imagePullSecrets[0]',
  'global.network',
  'global.multiCluster.clusterName',
  'pilot.cni.enabled',
  'sidecarInjectorWebhook.rewriteAppHTTPProbe',
  'sidecarInjectorWebhook.templates.custom',
  'revision',
  'meshConfig',
  'a..b',
  '',
];
const MESH_PATHS = [
  'defaultConfig',
  'defaultConfig.proxyMetadata',
  'defaultConfig.interceptionMode',
  'defaultConfig.statusPort',
  'defaultConfig.tracing',
  'defaultConfig.holdApplicationUntilProxyStarts',
  'defaultConfig.drainDuration',
  'defaultConfig.discoveryAddress',
  'defaultConfig.image',
  'inboundTrafficPolicy',
  'inboundTrafficPolicy.mode',
  'trustDomain',
  'enablePrometheusMerge',
  'extensionProviders',
  'defaultProviders',
  'rootNamespace',
];

/** Bodies for a custom injection template: valid ones, and broken Go templates. */
const CUSTOM_TEMPLATES = [
  'spec:\n  containers:\n  - name: extra\n    image: example.com/extra:1',
  'metadata:\n  labels:\n    hub: {{ .Values.global.hub | quote }}',
  'metadata:\n  annotations:\n    names: "{{ range .Spec.Containers }}{{ .Name }},{{ end }}"',
  'spec: {{ toJson .Spec.Containers }}',
  '{{',
  '{{ if }}',
  '{{ .Nope.x }}',
  '{{ template "missing" }}',
  '{{ index .Values "a" "b" }}',
  'spec: [unclosed',
  '- a list',
];
const SET_VALUES = [
  '',
  'null',
  '0',
  '-1',
  'true',
  'abc',
  '1.5',
  '65536',
  '{{ .Values.global.hub }}',
  '{{',
  '{{ .Nope.x }}',
  'spec: {}',
  '[a]',
];

interface Crash {
  readonly label: string;
  readonly error: string;
  readonly input: string;
}

function crashOf(label: string, input: unknown, error: unknown): Crash | undefined {
  if (error instanceof InjectionError) return undefined;
  const text =
    error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 4).join('\n')}` : String(error);
  return { label, error: text, input: JSON.stringify(input) };
}

function report(crashes: readonly Crash[]): string {
  return crashes
    .slice(0, 5)
    .map((c) => `${c.label}: ${c.error}\n  input: ${c.input}`)
    .join('\n\n');
}

describe('injection fuzzing', () => {
  const variants: InjectionSettings[] = [
    buildInjectionSettings(),
    buildInjectionSettings({ nativeSidecars: false, revision: 'canary' }),
    buildInjectionSettings({ set: ['pilot.cni.enabled=true', 'global.proxy.holdApplicationUntilProxyStarts=true'] }),
  ];
  const seeds = Array.from({ length: CASES }, (_, i) => i + 1);

  test.each(Object.entries(CRASHERS))('%s: injects or fails with InjectionError', (name, input) => {
    for (const settings of variants) {
      let crash: Crash | undefined;
      try {
        injectObject(structuredClone(input), settings);
      } catch (error) {
        crash = crashOf(name, input, error);
      }
      expect(crash && report([crash])).toBeUndefined();
    }
  });

  test(`${seeds.length} fuzzed objects inject or fail with InjectionError only`, () => {
    const crashes: Crash[] = [];
    for (const seed of seeds) {
      const input = workload(new Gen(seed));
      try {
        injectObject(structuredClone(input), variants[seed % variants.length]);
      } catch (error) {
        const crash = crashOf(`seed ${seed}`, input, error);
        if (crash) crashes.push(crash);
      }
    }
    expect(report(crashes)).toBe('');
  });

  test('fuzzed YAML streams inject or fail with InjectionError only', () => {
    const crashes: Crash[] = [];
    for (let seed = 1; seed <= 15; seed++) {
      const g = new Gen(seed * 7919);
      const objects = Array.from({ length: g.int(1, 5) }, () => workload(g));
      try {
        injectYaml(stringifyDocuments(objects), variants[seed % variants.length], `fuzz-${seed}.yaml`);
      } catch (error) {
        const crash = crashOf(`stream seed ${seed}`, objects, error);
        if (crash) crashes.push(crash);
      }
    }
    expect(report(crashes)).toBe('');
  });

  test('mangled YAML text injects or fails with InjectionError or YamlParseError only', () => {
    const crashes: Crash[] = [];
    for (let seed = 1; seed <= 40; seed++) {
      const g = new Gen(seed * 104729);
      const text = mangle(g, stringifyDocuments(Array.from({ length: g.int(1, 3) }, () => workload(g))));
      try {
        injectYaml(text, variants[seed % variants.length], `mangled-${seed}.yaml`);
      } catch (error) {
        if (error instanceof YamlParseError) continue;
        const crash = crashOf(`mangled seed ${seed}`, text, error);
        if (crash) crashes.push(crash);
      }
    }
    expect(report(crashes)).toBe('');
  });

  test('fuzzed --set overrides inject or fail with UserError or InjectionError only', () => {
    const crashes: Crash[] = [];
    for (let seed = 1; seed <= 60; seed++) {
      const g = new Gen(seed * 15485863);
      const set = Array.from({ length: g.int(0, 3) }, () => `${g.pick(SET_PATHS)}=${g.pick(SET_VALUES)}`);
      const custom = g.chance(0.6);
      if (custom) set.push(`sidecarInjectorWebhook.templates.custom=${g.pick(CUSTOM_TEMPLATES)}`);
      const templates = custom ? g.pick(['custom', 'sidecar,custom']) : g.pick(['sidecar', 'gateway', 'grpc-agent', 'custom']);
      const input = deployment({ annotations: { 'inject.istio.io/templates': templates } }, [
        { name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] },
      ]);
      try {
        injectObject(input, buildInjectionSettings({ set, nativeSidecars: g.chance(0.5) }));
      } catch (error) {
        if (error instanceof UserError) continue;
        const crash = crashOf(`set seed ${seed}`, { set, templates }, error);
        if (crash) crashes.push(crash);
      }
    }
    expect(report(crashes)).toBe('');
  });

  test('fuzzed mesh config overlays inject or fail with UserError or InjectionError only', () => {
    const crashes: Crash[] = [];
    for (let seed = 1; seed <= 40; seed++) {
      const g = new Gen(seed * 32452843);
      const meshConfig: Record<string, unknown> = {};
      for (let i = g.int(1, 3); i > 0; i--) {
        const [first, ...rest] = g.pick(MESH_PATHS).split('.');
        meshConfig[first] = rest.length === 0 ? g.junk() : { ...(meshConfig[first] as object), [rest[0]]: g.junk() };
      }
      const input = workload(new Gen(seed));
      try {
        injectObject(input, buildInjectionSettings({ meshConfig }));
      } catch (error) {
        if (error instanceof UserError) continue;
        const crash = crashOf(`mesh seed ${seed}`, { meshConfig, input }, error);
        if (crash) crashes.push(crash);
      }
    }
    expect(report(crashes)).toBe('');
  });

  test('the same input gives the same output', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const input = workload(new Gen(seed));
      const settings = variants[seed % variants.length];
      const once = attempt(() => injectObject(structuredClone(input), settings));
      const twice = attempt(() => injectObject(structuredClone(input), settings));
      expect(twice).toEqual(once);
    }
  });

  test('the generator is deterministic per seed', () => {
    expect(workload(new Gen(42))).toEqual(workload(new Gen(42)));
    expect(workload(new Gen(42))).not.toEqual(workload(new Gen(43)));
  });
});

function attempt(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
