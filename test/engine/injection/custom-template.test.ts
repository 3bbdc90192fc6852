import { InjectionError } from '../../../src/engine/injection/errors';
import { parseCustomTemplate, renderCustomTemplate } from '../../../src/engine/injection/custom-template';
import { type TemplateInput } from '../../../src/engine/injection/context';
import { templateInput } from './support/template-input';

const INPUT: TemplateInput = templateInput({
  values: { global: { hub: 'docker.io/istio' } },
  spec: { containers: [{ name: 'app', readinessProbe: { httpGet: { path: '/ready', port: 8080 } } }] },
});

const renderOverlay = (source: string): unknown => renderCustomTemplate(parseCustomTemplate('custom', source), INPUT);

describe('custom templates', () => {
  test('render to a pod overlay from Go-typed data', () => {
    const source = [
      'metadata:',
      '  annotations:',
      '    probe: {{ structToJSON (index .Spec.Containers 0).ReadinessProbe | quote }}',
      '    liveness: "{{ (index .Spec.Containers 0).LivenessProbe }}"',
      '    hub: {{ .Values.global.hub }}',
    ].join('\n');
    expect(renderOverlay(source)).toEqual({
      metadata: { annotations: { probe: '{"httpGet":{"path":"/ready","port":8080}}', liveness: '<nil>', hub: 'docker.io/istio' } },
    });
  });

  test('render nothing to an empty overlay', () => {
    expect(renderOverlay('{{/* nothing */}}')).toEqual({});
  });

  test.each<[string, string, RegExp]>([
    ['a syntax error', '{{ .Spec', /^failed to parse injection template "custom": template: custom:1: /],
    ['a function istiod lacks', '{{ required "x" . }}', /function "required" not defined/],
    [
      'a field the Go type lacks',
      '{{ .Spec.Nope }}',
      /failed to run injection template "custom": .*can't evaluate field Nope in type v1.PodSpec/,
    ],
    ['output that is not YAML', 'a: [', /^failed parsing generated injected YAML of template "custom": /],
    ['output that is not a map', '- a', /must produce a YAML map/],
  ])('fail on %s with one line', (_name, source, message) => {
    let error: unknown;
    try {
      renderOverlay(source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InjectionError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
