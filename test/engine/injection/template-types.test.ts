import {
  type GoPointer,
  type GoStruct,
  type GoType,
  marshalJSON,
  render,
  SPRIG_FUNCTIONS,
  type StructType,
} from '../../../src/engine/gotemplate';
import { goTemplateData } from '../../../src/engine/injection/template-types';

const POD_SPEC = {
  containers: [
    {
      name: 'app',
      image: 'example/app:1',
      ports: [{ containerPort: 8080 }],
      readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
      livenessProbe: { tcpSocket: { port: 'http' } },
      startupProbe: { grpc: { port: 9000 } },
      resources: { limits: { cpu: '1' } },
    },
  ],
};
const data = goTemplateData({
  TypeMeta: { kind: 'Deployment', apiVersion: 'apps/v1' },
  DeploymentMeta: { Namespace: 'shop', Name: 'web' },
  ObjectMeta: { name: 'web-1', labels: { app: 'web' }, annotations: { a: 'b' } },
  Spec: POD_SPEC,
  Values: { global: { hub: 'docker.io/istio' } },
});
const run = (src: string): string => render(src, data, { name: 't', funcs: SPRIG_FUNCTIONS });
const app = '(index .Spec.Containers 0)';

describe('the Go types of the template data', () => {
  test('is a pointer to SidecarTemplateData, as istiod passes it', () => {
    expect(run('{{ printf "%T %T %T %T" . .Spec .Spec.Containers .ObjectMeta.Labels }}')).toBe(
      '*inject.SidecarTemplateData v1.PodSpec []v1.Container map[string]string',
    );
  });

  test.each<[string, string, string]>([
    ['unset text fields as ""', '[{{ .Spec.ServiceAccountName }}][{{ .ObjectMeta.Namespace }}]', '[][]'],
    ['unset numbers and booleans as zero', `{{ ${app}.ReadinessProbe.TimeoutSeconds }} {{ .Spec.HostNetwork }}`, '0 false'],
    ['unset lists and maps as empty', '{{ .Spec.Volumes }} {{ .Spec.NodeSelector }} {{ len .Spec.InitContainers }}', '[] map[] 0'],
    ['unset pointers as <nil>', `{{ ${app}.SecurityContext }} {{ .Spec.TerminationGracePeriodSeconds }}`, '<nil> <nil>'],
    [
      'missing map keys as <no value> and index of them as ""',
      '{{ .ObjectMeta.Labels.nope }}|{{ index .ObjectMeta.Labels "nope" }}|',
      '<no value>||',
    ],
    [
      'an int-or-string port through its String method',
      `{{ ${app}.ReadinessProbe.HTTPGet.Port }} {{ ${app}.LivenessProbe.TCPSocket.Port }}`,
      '8080 http',
    ],
    [
      'its parts as fields',
      `{{ ${app}.LivenessProbe.TCPSocket.Port.StrVal }} {{ ${app}.ReadinessProbe.HTTPGet.Port.IntValue }}`,
      'http 8080',
    ],
    [
      'fields promoted from the embedded ProbeHandler',
      `{{ ${app}.StartupProbe.GRPC.Port }} {{ ${app}.StartupProbe.ProbeHandler.GRPC.Port }}`,
      '9000 9000',
    ],
    ['the deployment name as namespace/name', '{{ .DeploymentMeta }} {{ .DeploymentMeta.Name }}', 'shop/web web'],
    ['ObjectMeta getters', '{{ .ObjectMeta.GetName }} {{ .ObjectMeta.GetLabels }}', 'web-1 map[app:web]'],
    ['an unset timestamp as Go prints the zero time', '{{ .ObjectMeta.CreationTimestamp }}', '0001-01-01 00:00:00 +0000 UTC'],
    ['values as plain maps', '{{ .Values.global.hub }} {{ .Values.nope }}', 'docker.io/istio <no value>'],
  ])('reads %s', (_name, src, expected) => {
    expect(run(src)).toBe(expected);
  });

  test.each<[string, string]>([
    ['{{ .Nope }}', "can't evaluate field Nope in type *inject.SidecarTemplateData"],
    ['{{ .Spec.Nope }}', "can't evaluate field Nope in type v1.PodSpec"],
    ['{{ range .Spec.Containers }}{{ .Nope }}{{ end }}', "can't evaluate field Nope in type v1.Container"],
    [`{{ ${app}.SecurityContext.RunAsUser }}`, 'nil pointer evaluating *v1.SecurityContext.RunAsUser'],
    [`{{ ${app}.ReadinessProbe.Nope }}`, "can't evaluate field Nope in type *v1.Probe"],
    ['{{ .ObjectMeta.SetName "x" }}', 'can\'t call method/function "SetName" with 0 results'],
  ])('fails on %s as Go does', (src, reason) => {
    expect(() => run(src)).toThrow(reason);
  });

  test('marshals as encoding/json does: json keys, omitempty, declaration order', () => {
    expect(run(`{{ toJson ${app}.ReadinessProbe }}`)).toBe('{"httpGet":{"path":"/ready","port":8080},"periodSeconds":5}');
    expect(run(`{{ toJson ${app}.LivenessProbe }} {{ toJson ${app}.StartupProbe }}`)).toBe(
      '{"tcpSocket":{"port":"http"}} {"grpc":{"port":9000,"service":null}}',
    );
    expect(run('{{ toJson .ObjectMeta }}')).toBe('{"name":"web-1","labels":{"app":"web"},"annotations":{"a":"b"}}');
    expect(run('{{ toJson .DeploymentMeta }} {{ toJson .TypeMeta }}')).toBe(
      '{"Namespace":"shop","Name":"web"} {"kind":"Deployment","apiVersion":"apps/v1"}',
    );
  });

  test('keeps struct fields Go never omits, as a Kubernetes client writes them', () => {
    const bare = goTemplateData({ Spec: { containers: [{ name: 'x' }] } }).elem as GoStruct;
    expect(marshalJSON(bare.lookup('Spec').value)).toBe('{"containers":[{"name":"x","resources":{}}]}');
    expect(marshalJSON((goTemplateData({}).elem as GoStruct).lookup('Spec').value)).toBe('{"containers":null}');
  });

  test('declares every type it reaches with fields that parse', () => {
    const seen = new Set<StructType>();
    const visit = (t: GoType): void => {
      if (t.kind === 'ptr' || t.kind === 'slice' || t.kind === 'map') visit(t.elem);
      if (t.kind !== 'struct' || seen.has(t.struct)) return;
      seen.add(t.struct);
      t.struct.fields.forEach((f) => visit(f.type));
    };
    visit((data as GoPointer).type);
    expect(seen.size).toBeGreaterThan(100);
    expect([...seen].every((s) => s.fields.every((f) => f.json !== undefined && f.name !== ''))).toBe(true);
  });
});
