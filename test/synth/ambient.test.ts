import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { type Construct } from 'constructs';
import { Istiod, type IstiodProps } from '../../src/constructs/control-plane/istiod';
import { IstioCni, type IstioCniProps } from '../../src/constructs/control-plane/istio-cni';
import { Ztunnel, type ZtunnelProps } from '../../src/constructs/control-plane/ztunnel';
import { MeshNamespace } from '../../src/constructs/mesh-namespace';
import { ChartSource } from '../../src/engine/charts/chart-source';
import { InjectionMode } from '../../src/model/injection-mode';
import { MeshApp, type MeshAppProps } from '../../src/synth/mesh-app';
import { FIXTURE_CHARTS } from '../engine/charts/test-helpers';

let renders: string;
beforeAll(() => {
  renders = fs.mkdtempSync(path.join(os.tmpdir(), 'ambient-renders-'));
});
afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));

const chartProps = () => ({ sources: [ChartSource.localDir(FIXTURE_CHARTS)], renderCacheDir: renders });
const istiod = (scope: Construct, props: IstiodProps = {}) => new Istiod(scope, 'Istiod', { ...chartProps(), ...props });
const cni = (scope: Construct, props: IstioCniProps = {}) => new IstioCni(scope, 'Cni', { ...chartProps(), ...props });
const ztunnel = (scope: Construct, props: ZtunnelProps = {}) => new Ztunnel(scope, 'Ztunnel', { ...chartProps(), ...props });
const ambientNamespace = (scope: Construct, name = 'apps') => new MeshNamespace(scope, name, { name, injection: InjectionMode.ambient() });

/** The synth error of an app, or undefined when it synthesizes. */
function synthError(build: (cp: Chart, ns: Chart) => void, props: MeshAppProps = { profile: 'ambient' }): string | undefined {
  const app = new MeshApp({ outdir: path.join(renders, 'unused'), ...props });
  build(new Chart(app, 'cp'), new Chart(app, 'ns'));
  try {
    app.synthFiles();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('checkAmbient: istiod trusts the ztunnel', () => {
  test('a ztunnel in kube-system that istiod does not trust fails with the exact fix', () => {
    expect(
      synthError((cp, ns) => {
        istiod(cp);
        cni(cp, { namespace: 'kube-system' });
        ztunnel(cp, { namespace: 'kube-system' });
        ambientNamespace(ns);
      }),
    ).toBe(
      'synth failed: ztunnel at cp/Ztunnel runs as kube-system/ztunnel, but istiod at cp/Istiod trusts only istio-system/ztunnel ' +
        "(CA_TRUSTED_NODE_ACCOUNTS), so ztunnel gets no certificates: set values: { trustedZtunnelNamespace: 'kube-system' } on the Istiod at cp/Istiod",
    );
  });

  test('trustedZtunnelNamespace fixes it, whichever construct comes first', () => {
    expect(
      synthError((cp, ns) => {
        ztunnel(cp, { namespace: 'kube-system' });
        cni(cp, { namespace: 'kube-system' });
        istiod(cp, { values: { trustedZtunnelNamespace: 'kube-system' } });
        ambientNamespace(ns);
      }),
    ).toBeUndefined();
  });

  test("OpenShift's platform settings make istiod trust kube-system by themselves", () => {
    expect(
      synthError(
        (cp) => {
          istiod(cp);
          cni(cp, { namespace: 'kube-system' });
          ztunnel(cp, { namespace: 'kube-system' });
        },
        { profile: 'ambient', platform: 'openshift' },
      ),
    ).toBeUndefined();
  });

  test('a renamed ztunnel needs trustedZtunnelName too; accounts set through env are extended instead', () => {
    expect(
      synthError((cp) => {
        istiod(cp);
        cni(cp);
        ztunnel(cp, { values: { resourceName: 'zt' } });
      }),
    ).toContain("set values: { trustedZtunnelNamespace: 'istio-system', trustedZtunnelName: 'zt' } on the Istiod at cp/Istiod");
    expect(
      synthError((cp) => {
        istiod(cp, { values: { env: { CA_TRUSTED_NODE_ACCOUNTS: 'istio-system/other' } } });
        cni(cp);
        ztunnel(cp, { namespace: 'kube-system' });
      }),
    ).toContain("add 'kube-system/ztunnel' to values.env.CA_TRUSTED_NODE_ACCOUNTS on the Istiod at cp/Istiod");
  });

  test('a ztunnel pointed at a namespace without istiod fails, naming where istiod runs', () => {
    expect(
      synthError((cp) => {
        istiod(cp, { namespace: 'mesh' });
        cni(cp, { namespace: 'mesh' });
        ztunnel(cp, { namespace: 'mesh' });
      }),
    ).toBe(
      "synth failed: ztunnel at cp/Ztunnel connects to istiod in namespace 'istio-system', but the app's istiod runs in mesh: " +
        "set values: { istioNamespace: 'mesh' } on the Ztunnel at cp/Ztunnel",
    );
  });

  test('a ztunnel with its own CA address is left alone', () => {
    expect(
      synthError((cp) => {
        istiod(cp);
        cni(cp);
        ztunnel(cp, { namespace: 'kube-system', values: { caAddress: 'ca.example:15012', xdsAddress: 'xds.example:15012' } });
      }),
    ).toBeUndefined();
  });
});

describe('checkAmbient: the ambient parts are all there', () => {
  test('an ambient namespace with a control plane but no ztunnel or istio-cni fails, naming the namespace', () => {
    expect(
      synthError((cp, ns) => {
        istiod(cp);
        ambientNamespace(ns, 'shop');
      }, {}),
    ).toBe(
      "synth failed: namespace 'shop' (label istio.io/dataplane-mode=ambient) needs ambient mode, but the app has no Ztunnel and no IstioCni: " +
        "add Ztunnel and IstioCni with profile 'ambient' (set profile: 'ambient' on the MeshApp), or remove the ambient label",
    );
  });

  test('an ambient istiod without istio-cni fails likewise', () => {
    expect(
      synthError((cp) => {
        istiod(cp);
        ztunnel(cp);
      }),
    ).toContain('the istiod at cp/Istiod (profile ambient) needs ambient mode, but the app has no IstioCni');
  });

  test('an istio-cni with ambient redirection off fails when a namespace is ambient', () => {
    expect(
      synthError((cp, ns) => {
        istiod(cp);
        cni(cp);
        ztunnel(cp);
        ambientNamespace(ns);
      }, {}),
    ).toContain('ambient redirection, but the istio-cni at cp/Cni renders it off (AMBIENT_ENABLED "false")');
  });

  test('an app without a control plane is left alone', () => {
    expect(synthError((_cp, ns) => ambientNamespace(ns), {})).toBeUndefined();
  });

  test('a complete ambient app synthesizes', () => {
    expect(
      synthError((cp, ns) => {
        istiod(cp);
        cni(cp);
        ztunnel(cp);
        ambientNamespace(ns);
      }),
    ).toBeUndefined();
  });
});

describe('checkAmbient: one profile and platform', () => {
  test('without a decision on the MeshApp, charts that disagree fail, listing each', () => {
    expect(
      synthError((cp) => {
        istiod(cp, { values: { profile: 'ambient' } });
        cni(cp, { values: { profile: 'ambient', global: { platform: 'k3s' } } });
        ztunnel(cp);
      }, {}),
    ).toBe(
      "synth failed: the app's Istio charts apply different profiles (ambient at cp/Istiod, cp/Cni; (none) at cp/Ztunnel): set profile once on the MeshApp " +
        '(every chart applies it) and remove values.profile from the charts; ' +
        "the app's Istio charts apply different platforms ((none) at cp/Istiod, cp/Ztunnel; k3s at cp/Cni): set platform once on the MeshApp " +
        '(every chart applies it) and remove values.global.platform from the charts',
    );
  });
});
