import * as fs from 'fs';
import * as path from 'path';
import { readCrdBundle } from '../../../src/engine/gateway-api/crd-bundle';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { REFERENCE_GATEWAY_API } from '../../support/shared-data';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'gateway-api');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf-8');
const names = (objects: readonly KubeObject[], kind: string) =>
  objects
    .filter((o) => o.kind === kind)
    .map((o) => o.metadata.name)
    .sort();

/** A CRD document of our own, with the given group and annotations. */
function crd(name: string, annotations: Record<string, string>, group = 'gateway.networking.k8s.io'): string {
  const lines = Object.entries(annotations).map(([k, v]) => `    ${k}: ${v}`);
  return [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata:',
    ...(lines.length ? ['  annotations:', ...lines] : []),
    `  name: ${name}`,
    'spec:',
    `  group: ${group}`,
    '',
  ].join('\n');
}
const v151 = (channel = 'standard') => ({
  'gateway.networking.k8s.io/bundle-version': 'v1.5.1',
  'gateway.networking.k8s.io/channel': channel,
});

describe('readCrdBundle', () => {
  test('reads the bundle version and keeps the CRDs and the admission policy pair of a standard file', () => {
    const bundle = readCrdBundle(fixture('standard-install.yaml'), 'std.yaml', 'standard');
    expect(bundle.bundleVersion).toBe('v1.5.1');
    expect(bundle.channel).toBe('standard');
    expect(bundle.skipped).toEqual([]);
    expect(names(bundle.objects, 'CustomResourceDefinition')).toEqual([
      'gatewayclasses.gateway.networking.k8s.io',
      'gateways.gateway.networking.k8s.io',
    ]);
    expect(names(bundle.objects, 'ValidatingAdmissionPolicy')).toEqual(['safe-upgrades.gateway.networking.k8s.io']);
    expect(names(bundle.objects, 'ValidatingAdmissionPolicyBinding')).toEqual(['safe-upgrades.gateway.networking.k8s.io']);
  });

  test('leaves out a kustomize file list, saying where', () => {
    const bundle = readCrdBundle(`${crd('a.gateway.networking.k8s.io', v151())}---\nresources:\n- a.yaml\n`, 'k.yaml', 'standard');
    expect(bundle.objects.map((o) => o.metadata.name)).toEqual(['a.gateway.networking.k8s.io']);
    expect(bundle.skipped).toEqual(['k.yaml:11: a kustomize resource list, not a Kubernetes object (kubectl would refuse it)']);
  });

  test('accepts the experimental x-k8s.io group in an experimental file', () => {
    const bundle = readCrdBundle(fixture('experimental-install.yaml'), 'exp.yaml', 'experimental');
    expect(names(bundle.objects, 'CustomResourceDefinition')).toContain('xmeshes.gateway.networking.x-k8s.io');
  });

  test('refuses a file of the other channel, naming the CRD, its line and the fix', () => {
    expect(() => readCrdBundle(fixture('experimental-install.yaml'), 'exp.yaml', 'standard')).toThrow(
      /^exp\.yaml:\d+: CRD 'gatewayclasses\.gateway\.networking\.k8s\.io' is of the experimental channel, not standard: use the standard-install\.yaml/,
    );
    expect(() => readCrdBundle(fixture('standard-install.yaml'), 'std.yaml', 'experimental')).toThrow(
      /is of the standard channel, not experimental/,
    );
  });

  test('refuses a CRD without the channel or with no valid bundle version', () => {
    expect(() =>
      readCrdBundle(crd('a.gateway.networking.k8s.io', { 'gateway.networking.k8s.io/bundle-version': 'v1.5.1' }), 'f', 'standard'),
    ).toThrow(/has no gateway\.networking\.k8s\.io\/channel annotation, not standard/);
    const noVersion = crd('a.gateway.networking.k8s.io', { 'gateway.networking.k8s.io/channel': 'standard' });
    expect(() => readCrdBundle(noVersion, 'f', 'standard')).toThrow(/has no valid gateway\.networking\.k8s\.io\/bundle-version annotation/);
    const badVersion = crd('a.gateway.networking.k8s.io', { ...v151(), 'gateway.networking.k8s.io/bundle-version': 'latest' });
    expect(() => readCrdBundle(badVersion, 'f', 'standard')).toThrow(/no valid .*bundle-version/);
  });

  test('refuses objects that are not Gateway API CRDs', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: evil\n';
    expect(() => readCrdBundle(`${crd('a.gateway.networking.k8s.io', v151())}---\n${deployment}`, 'f.yaml', 'standard')).toThrow(
      /^f\.yaml:11: Deployment 'evil' is not a CustomResourceDefinition: the file must hold only the Gateway API CRDs/,
    );
    expect(() => readCrdBundle(crd('widgets.example.com', v151(), 'example.com'), 'f', 'standard')).toThrow(
      /CRD 'widgets\.example\.com' is of group 'example\.com', not the Gateway API's/,
    );
    const otherPolicy = 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: mine\n';
    expect(() => readCrdBundle(otherPolicy, 'f', 'standard')).toThrow(/ValidatingAdmissionPolicy 'mine' is not a CustomResourceDefinition/);
    expect(() => readCrdBundle('- just\n- a list\n', 'f', 'standard')).toThrow(/^f:1: not a Kubernetes object/);
    expect(() => readCrdBundle('resources:\n- ../../etc/passwd\n', 'f', 'standard')).toThrow(/^f:1: not a Kubernetes object/);
  });

  test('refuses a file without CRDs, and one that mixes bundle versions', () => {
    expect(() => readCrdBundle('# nothing\n', 'empty.yaml', 'standard')).toThrow(/^empty\.yaml holds no CustomResourceDefinition/);
    const older = { ...v151(), 'gateway.networking.k8s.io/bundle-version': 'v1.4.0' };
    const mixed = `${crd('a.gateway.networking.k8s.io', v151())}---\n${crd('b.gateway.networking.k8s.io', older)}`;
    expect(() => readCrdBundle(mixed, 'm.yaml', 'standard')).toThrow(
      /^m\.yaml mixes bundle versions v1\.5\.1 \(a\.gateway\.networking\.k8s\.io\), v1\.4\.0 \(b\.gateway\.networking\.k8s\.io\)/,
    );
  });

  test('invalid YAML and alias bombs end in one line with the line number', () => {
    expect(() => readCrdBundle('a: [1, 2\nb: c\n', 'bad.yaml', 'standard')).toThrow(
      /^bad\.yaml:\d+: .*the Gateway API CRD file is not valid YAML/,
    );
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${`*${i === 0 ? 'a' : 'bcdefghi'[i - 1]}, `.repeat(10)}]`,
      ),
    ].join('\n');
    expect(() => readCrdBundle(bomb, 'bomb.yaml', 'standard')).toThrow(/^bomb\.yaml:\d+: .*not valid YAML/);
  });

  describe('the real Gateway API v1.5.1 files', () => {
    const present = fs.existsSync(REFERENCE_GATEWAY_API);
    if (!present) test.skip(`${REFERENCE_GATEWAY_API} is absent, so the real Gateway API v1.5.1 files are not read`, () => undefined);
    const maybe = present ? test : test.skip;

    maybe('standard-install.yaml is bundle v1.5.1 of the standard channel, with the admission policy pair', () => {
      const bundle = readCrdBundle(fs.readFileSync(path.join(REFERENCE_GATEWAY_API, 'standard-install.yaml'), 'utf-8'), 'std', 'standard');
      expect(bundle.bundleVersion).toBe('v1.5.1');
      expect(names(bundle.objects, 'CustomResourceDefinition')).toEqual(
        expect.arrayContaining([
          'gateways.gateway.networking.k8s.io',
          'grpcroutes.gateway.networking.k8s.io',
          'tlsroutes.gateway.networking.k8s.io',
        ]),
      );
      expect(names(bundle.objects, 'ValidatingAdmissionPolicy')).toEqual(['safe-upgrades.gateway.networking.k8s.io']);
      expect(() =>
        readCrdBundle(fs.readFileSync(path.join(REFERENCE_GATEWAY_API, 'standard-install.yaml'), 'utf-8'), 'std', 'experimental'),
      ).toThrow(/standard channel, not experimental/);
    });

    maybe('experimental-install.yaml is bundle v1.5.1 of the experimental channel', () => {
      const bundle = readCrdBundle(
        fs.readFileSync(path.join(REFERENCE_GATEWAY_API, 'experimental-install.yaml'), 'utf-8'),
        'exp',
        'experimental',
      );
      expect(bundle.bundleVersion).toBe('v1.5.1');
      expect(names(bundle.objects, 'CustomResourceDefinition')).toEqual(
        expect.arrayContaining(['tcproutes.gateway.networking.k8s.io', 'xmeshes.gateway.networking.x-k8s.io']),
      );
      // v1.5.1's experimental file ends in a kustomize file list, which is left out (and said so).
      expect(bundle.skipped).toEqual([expect.stringMatching(/^exp:\d+: a kustomize resource list/)]);
    });
  });
});
