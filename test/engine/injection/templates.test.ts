import { InjectionError } from '../../../src/engine/injection/errors';
import { selectTemplates } from '../../../src/engine/injection/templates';
import { args, container, deployment, env, injectedTemplate, names } from './support/workloads';
import { at } from '../../support/json';

describe('injection templates', () => {
  it('uses the sidecar template unless the pod names others', () => {
    expect(selectTemplates({})).toEqual(['sidecar']);
    expect(selectTemplates({ 'inject.istio.io/templates': 'sidecar, spire' })).toEqual(['sidecar', 'spire']);
  });

  it('fails for a template nobody defines, naming the known ones', () => {
    expect(() => injectedTemplate(deployment({ annotations: { 'inject.istio.io/templates': 'nope' } }))).toThrow(
      /requested template "nope" not found; have .*grpc-agent.*sidecar/,
    );
  });

  it('refuses the gateway-deployment templates with a hint', () => {
    expect(() => injectedTemplate(deployment({ annotations: { 'inject.istio.io/templates': 'waypoint' } }))).toThrow(InjectionError);
  });

  it('runs the gateway template: a router proxy that binds low ports', () => {
    const t = injectedTemplate(deployment({ annotations: { 'inject.istio.io/templates': 'gateway' } }));
    expect(args(container(t, 'istio-proxy')).slice(0, 2)).toEqual(['proxy', 'router']);
    expect(at(t, 'spec', 'securityContext', 'sysctls')).toEqual([{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }]);
    expect(at(t, 'spec', 'initContainers')).toBeUndefined();
  });

  it('runs the grpc-agent template: the agent serves xDS to the app through a shared volume', () => {
    const t = injectedTemplate(deployment({ annotations: { 'inject.istio.io/templates': 'grpc-agent' } }));
    expect(names(at(t, 'spec', 'containers'))).toEqual(['app', 'istio-proxy']);
    expect(env(container(t, 'app'), 'GRPC_XDS_BOOTSTRAP')).toBe('/etc/istio/proxy/grpc-bootstrap.json');
    expect(at(t, 'metadata', 'annotations', 'sidecar.istio.io/rewriteAppHTTPProbers')).toBe('false');
  });

  it('runs the grpc-simple template: an init container writes the bootstrap file', () => {
    const t = injectedTemplate(deployment({ annotations: { 'inject.istio.io/templates': 'grpc-simple' } }));
    expect(names(at(t, 'spec', 'initContainers'))).toEqual(['grpc-bootstrap-init']);
    expect(container(t, 'istio-proxy')).toBeUndefined();
  });

  it('renders templates from values with the pod as data and merges them over the pod', () => {
    const custom = [
      'metadata:',
      '  labels:',
      '    team: {{ index .ObjectMeta.Labels "app" }}',
      'spec:',
      '  containers:',
      '  {{- range .Spec.Containers }}',
      '  - name: {{ .Name }}',
      '    env:',
      '    - name: OWNER',
      '      value: {{ $.DeploymentMeta.Name | quote }}',
      '  {{- end }}',
    ].join('\n');
    const t = injectedTemplate(deployment({ annotations: { 'inject.istio.io/templates': 'sidecar,team' } }), {
      values: [{ sidecarInjectorWebhook: { templates: { team: custom } } }],
    });
    expect(at(t, 'metadata', 'labels', 'team')).toBe('web');
    expect(env(container(t, 'app'), 'OWNER')).toBe('web');
    expect(container(t, 'istio-proxy')).toBeDefined();
  });

  it('reports a template that does not render as an injection error', () => {
    expect(() =>
      injectedTemplate(deployment({ annotations: { 'inject.istio.io/templates': 'broken' } }), {
        values: [{ sidecarInjectorWebhook: { templates: { broken: '{{ .Nope' } } }],
      }),
    ).toThrow(/injection template "broken"/);
  });
});

describe('data of templates from values', () => {
  it('has the zero values a Go struct has for unset pod fields', () => {
    const custom =
      'metadata:\n  annotations:\n    sa: {{ if eq .Spec.ServiceAccountName "" }}"default"{{ else }}{{ .Spec.ServiceAccountName }}{{ end }}\n';
    const t = injectedTemplate(deployment({ annotations: { 'inject.istio.io/templates': 'sa' } }), {
      values: [{ sidecarInjectorWebhook: { templates: { sa: custom } } }],
    });
    expect(at(t, 'metadata', 'annotations', 'sa')).toBe('default');
  });

  it("offers Istio's helper functions", () => {
    const custom = [
      'metadata:',
      '  annotations:',
      '    level: {{ annotation .ObjectMeta "sidecar.istio.io/logLevel" "info" | quote }}',
      '    has: {{ isset .ObjectMeta.Annotations "inject.istio.io/templates" | quote }}',
      '    ports: {{ applicationPorts .Spec.Containers | quote }}',
      '    proxy: {{ protoToJSON .ProxyConfig | quote }}',
    ].join('\n');
    const t = injectedTemplate(deployment({ annotations: { 'inject.istio.io/templates': 'fns' } }), {
      values: [{ sidecarInjectorWebhook: { templates: { fns: custom } } }],
    });
    expect(at(t, 'metadata', 'annotations')).toMatchObject({ level: 'info', has: 'true', ports: '8080', proxy: '{}' });
  });
});
