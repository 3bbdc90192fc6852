import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, type App, Chart, Testing } from 'cdk8s';
import { EgressGateway } from '../../../src/constructs/gateways/egress-gateway';
import { type GatewayProps } from '../../../src/constructs/gateways/gateway-release';
import { IngressGateway } from '../../../src/constructs/gateways/ingress-gateway';
import { MeshNamespace } from '../../../src/constructs/mesh-namespace';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { InjectionMode } from '../../../src/model/injection-mode';
import { MeshApp } from '../../../src/synth/mesh-app';
import { FIXTURE_CHARTS, useTempDir } from '../../engine/charts/test-helpers';

// The apps have no Istiod (control plane elsewhere), so only the namespace's labels decide; revisions are external.
const tmp = useTempDir('gateway-injection-test-');
let renders = '';
beforeAll(() => {
  renders = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-injection-renders-'));
});
afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));

const props = (more: GatewayProps = {}): GatewayProps => ({
  sources: [ChartSource.localDir(FIXTURE_CHARTS)],
  renderCacheDir: renders,
  ...more,
});
const canary: GatewayProps = { values: { revision: 'canary' }, externalRevision: true };

function errorsOf(app: App): string[] {
  return app.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
}

function build(setup: (chart: Chart) => void): string[] {
  const app = Testing.app();
  setup(new Chart(app, 'edge'));
  return errorsOf(app);
}

const meshNamespace = (chart: Chart, injection: InjectionMode, name = 'istio-ingress') =>
  new MeshNamespace(chart, 'Ns', { name, injection });
const labelledNamespace = (chart: Chart, labels: Record<string, string>, name = 'istio-ingress') =>
  new ApiObject(chart, 'Ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

describe('gateway pods that no webhook injects', () => {
  test('a MeshNamespace with InjectionMode.disabled() fails, naming the gateway, why its pods never start and the fix', () => {
    const errors = build((chart) => {
      meshNamespace(chart, InjectionMode.disabled());
      new IngressGateway(chart, 'Ingress', props({ createNamespace: false }));
    });
    expect(errors).toEqual([
      "[edge/Ingress] gateway istio-ingress/istio-ingressgateway: namespace 'istio-ingress' has injection disabled " +
        "(istio-injection=disabled), so no injection webhook fills in the gateway's pods (istio-proxy image 'auto') and " +
        "they never start: set the namespace's injection to InjectionMode.none() (the gateway's pods opt in by their own " +
        'label), or run the gateway in another namespace',
    ]);
  });

  test('a hand-written Namespace labelled istio-injection=disabled fails, naming its path', () => {
    const errors = build((chart) => {
      labelledNamespace(chart, { 'istio-injection': 'disabled' }, 'istio-egress');
      new EgressGateway(chart, 'Egress', props({ createNamespace: false }));
    });
    expect(errors).toEqual([
      expect.stringMatching(
        /^\[edge\/Egress\] gateway istio-egress\/istio-egressgateway: namespace 'istio-egress' \(edge\/Ns\) has injection disabled \(istio-injection=disabled\).*: remove the istio-injection label from edge\/Ns \(or set it to enabled\)/,
      ),
    ]);
  });

  test("the gateway's own Namespace object labelled istio-injection=disabled later fails too", () => {
    const errors = build((chart) => {
      const gateway = new IngressGateway(chart, 'Ingress', props());
      gateway.namespaceObject?.metadata.addLabel('istio-injection', 'disabled');
    });
    expect(errors).toEqual([expect.stringContaining("namespace 'istio-ingress' (edge/Ingress/Namespace) has injection disabled")]);
  });

  test('a namespace the injector always skips (kube-system) fails', () => {
    const errors = build((chart) => new IngressGateway(chart, 'Ingress', props({ namespace: 'kube-system' })));
    expect(errors).toEqual([
      expect.stringMatching(/namespace 'kube-system' is one the injector always skips, .*: run the gateway in another namespace$/),
    ]);
  });

  test('fails MeshApp synth, naming the construct path', () => {
    const app = new MeshApp({ outdir: path.join(tmp(), 'dist') });
    const chart = new Chart(app, 'edge');
    meshNamespace(chart, InjectionMode.disabled());
    new IngressGateway(chart, 'Ingress', props({ createNamespace: false }));
    expect(() => app.synth()).toThrow(
      /\[edge\/Ingress\] gateway istio-ingress\/istio-ingressgateway: namespace 'istio-ingress' has injection disabled/,
    );
  });
});

describe("gateway pods whose values.revision the namespace's labels overrule", () => {
  test.each([
    ['InjectionMode.sidecar() (istio-injection=enabled)', InjectionMode.sidecar(), "injects revision 'default' (sidecar)"],
    [
      "InjectionMode.revision('stable')",
      InjectionMode.revision('stable', { external: true }),
      "injects revision 'stable' (revision/stable)",
    ],
  ])('a MeshNamespace with %s fails with the fixes', (_what, injection, clause) => {
    const errors = build((chart) => {
      meshNamespace(chart, injection);
      new IngressGateway(chart, 'Ingress', props({ ...canary, createNamespace: false }));
    });
    expect(errors).toEqual([
      `[edge/Ingress] gateway istio-ingress/istio-ingressgateway: namespace 'istio-ingress' ${clause}, and istio's webhooks ` +
        "let the namespace's label decide before the pods' istio.io/rev, so values.revision 'canary' has no effect: set the " +
        "namespace's injection to InjectionMode.revision('canary') or InjectionMode.none(), or drop values.revision",
    ]);
  });

  test('a hand-written Namespace labelled istio.io/rev=stable fails, naming its path and label', () => {
    const errors = build((chart) => {
      labelledNamespace(chart, { 'istio.io/rev': 'stable' });
      new IngressGateway(chart, 'Ingress', props({ ...canary, createNamespace: false }));
    });
    expect(errors).toEqual([
      expect.stringMatching(
        /namespace 'istio-ingress' \(edge\/Ns\) injects revision 'stable' \(istio.io\/rev=stable\), .*: label edge\/Ns istio.io\/rev=canary without istio-injection, or remove both labels, or drop values.revision$/,
      ),
    ]);
  });
});

describe('gateway pods that their webhook injects stay silent', () => {
  test.each([
    ['a MeshNamespace with InjectionMode.none()', (c: Chart) => meshNamespace(c, InjectionMode.none()), canary],
    ['a MeshNamespace with InjectionMode.ambient()', (c: Chart) => meshNamespace(c, InjectionMode.ambient()), canary],
    [
      "values.revision equal to the namespace's",
      (c: Chart) => meshNamespace(c, InjectionMode.revision('canary', { external: true })),
      canary,
    ],
    ['no revision in an InjectionMode.sidecar() namespace', (c: Chart) => meshNamespace(c, InjectionMode.sidecar()), {}],
    [
      "no revision in a namespace labelled istio.io/rev (it follows the namespace's)",
      (c: Chart) => labelledNamespace(c, { 'istio.io/rev': 'x' }),
      {},
    ],
    ['a hand-written Namespace without injection labels', (c: Chart) => labelledNamespace(c, { team: 'edge' }), canary],
  ])('%s', (_what, namespace, more: GatewayProps) => {
    expect(
      build((chart) => {
        namespace(chart);
        new IngressGateway(chart, 'Ingress', props({ ...more, createNamespace: false }));
      }),
    ).toEqual([]);
  });

  test("the gateway's own unlabelled namespace, and a namespace the app does not declare", () => {
    expect(
      build((chart) => {
        new IngressGateway(chart, 'Own', props(canary));
        new EgressGateway(chart, 'Elsewhere', props({ ...canary, createNamespace: false }));
      }),
    ).toEqual([]);
  });
});
