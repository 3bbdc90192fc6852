import { ApiObject, type App, Chart, Testing } from 'cdk8s';
import * as fs from 'fs';
import * as path from 'path';
import { GatewayApiCrds } from '../../src/constructs/gateway-api-crds';
import { Stage } from '../../src/core/stage';
import { synthWarnings } from '../../src/core/warnings';
import { type GatewayApiChannel } from '../../src/engine/gateway-api/crd-bundle';
import { GatewayApiCrdsSource } from '../../src/engine/gateway-api/crd-source';
import { type KubeObject } from '../../src/engine/k8s/object';
import { REFERENCE_GATEWAY_API } from '../support/shared-data';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'gateway-api');
const errorsOf = (app: App) => app.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));

function setup() {
  const app = Testing.app();
  return { app, chart: new Chart(app, 'crds', { namespace: 'shop' }) };
}

describe('GatewayApiCrds', () => {
  test('adds each object of the file, cluster-scoped, in the CRD stage, and exposes the bundle version', () => {
    const { app, chart } = setup();
    const crds = new GatewayApiCrds(chart, 'GatewayApi', {
      source: GatewayApiCrdsSource.file(path.join(FIXTURES, 'standard-install.yaml')),
    });
    expect(errorsOf(app)).toEqual([]);
    expect(crds.bundleVersion).toBe('v1.5.1');
    expect(crds.channel).toBe('standard');
    expect(crds.digest).toMatch(/^[0-9a-f]{64}$/);
    const objects = chart.toJson() as KubeObject[];
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'CustomResourceDefinition/gatewayclasses.gateway.networking.k8s.io',
      'CustomResourceDefinition/gateways.gateway.networking.k8s.io',
      'ValidatingAdmissionPolicy/safe-upgrades.gateway.networking.k8s.io',
      'ValidatingAdmissionPolicyBinding/safe-upgrades.gateway.networking.k8s.io',
    ]);
    expect(objects.every((o) => o.metadata.namespace === undefined)).toBe(true);
    const apiObjects = crds.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
    expect(apiObjects).toHaveLength(4);
    expect(apiObjects.every((o) => Stage.assignedTo(o) === Stage.crds())).toBe(true);
  });

  test('a file of the other channel, a bad channel and a bad source are validation errors with the construct path', () => {
    const { app, chart } = setup();
    const experimental = GatewayApiCrdsSource.file(path.join(FIXTURES, 'experimental-install.yaml'));
    const wrong = new GatewayApiCrds(chart, 'Wrong', { source: experimental });
    new GatewayApiCrds(chart, 'Channel', { source: experimental, channel: 'beta' as GatewayApiChannel });
    new GatewayApiCrds(chart, 'Source', { source: 'standard-install.yaml' as never });
    expect(errorsOf(app)).toEqual([
      expect.stringMatching(/^\[crds\/Wrong\] .*experimental-install\.yaml:\d+: CRD '.*' is of the experimental channel, not standard/),
      "[crds/Channel] channel 'beta' is not a gateway api channel: use standard or experimental",
      "[crds/Source] source must be a GatewayApiCrdsSource, got 'standard-install.yaml': use GatewayApiCrdsSource.file(path) or .url(url, { sha256 })",
    ]);
    expect(wrong.bundleVersion).toBeUndefined();
    expect(wrong.node.children).toHaveLength(0);
  });

  test('the experimental channel takes the experimental file', () => {
    const { app, chart } = setup();
    const source = GatewayApiCrdsSource.file(path.join(FIXTURES, 'experimental-install.yaml'));
    new GatewayApiCrds(chart, 'GatewayApi', { source, channel: 'experimental' });
    expect(errorsOf(app)).toEqual([]);
    expect((chart.toJson() as KubeObject[]).map((o) => o.metadata.name)).toContain('xmeshes.gateway.networking.x-k8s.io');
  });

  const present = fs.existsSync(REFERENCE_GATEWAY_API);
  (present ? test : test.skip)(
    present
      ? 'installs the real v1.5.1 experimental file, leaving out its trailing file list with a warning'
      : `${REFERENCE_GATEWAY_API} is absent: the real files are not read`,
    () => {
      const { app, chart } = setup();
      const source = GatewayApiCrdsSource.file(path.join(REFERENCE_GATEWAY_API, 'experimental-install.yaml'));
      const crds = new GatewayApiCrds(chart, 'GatewayApi', { source, channel: 'experimental' });
      expect(errorsOf(app)).toEqual([]);
      expect(crds.bundleVersion).toBe('v1.5.1');
      const kinds = (chart.toJson() as KubeObject[]).map((o) => o.kind);
      expect(kinds.filter((k) => k === 'CustomResourceDefinition')).toHaveLength(12);
      expect(synthWarnings([crds]).map((w) => w.message)).toEqual([
        expect.stringMatching(/^left out .*experimental-install\.yaml:\d+: a kustomize resource list/),
      ]);
    },
  );
});
