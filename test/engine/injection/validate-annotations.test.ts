import * as fs from 'fs';
import * as path from 'path';
import { parseDocuments } from '../../../src/engine/yaml/documents';
import { validateAnnotations } from '../../../src/engine/injection/validate-annotations';
import { at, list } from '../../support/json';
import { CONFORMANCE_KUBE_INJECT } from '../../support/shared-data';

function errorsFor(name: string, value: string): string[] {
  return validateAnnotations({ [name]: value });
}

describe('validateAnnotations', () => {
  test('accepts a pod with no annotations or only unchecked ones', () => {
    expect(validateAnnotations({})).toEqual([]);
    expect(validateAnnotations({ 'sidecar.istio.io/logLevel': 'anything', 'example.com/x': '*' })).toEqual([]);
  });

  describe('outbound IP ranges', () => {
    const include = 'traffic.sidecar.istio.io/includeOutboundIPRanges';
    const exclude = 'traffic.sidecar.istio.io/excludeOutboundIPRanges';

    test.each([
      '*',
      '',
      '10.0.0.0/8',
      '127.0.0.1/24,10.96.0.1/24',
      '0.0.0.0/0',
      'fd00::/8',
      '::/0',
      '::ffff:10.0.0.1/128',
      '2001:db8:0:0:0:0:0:1/64',
      '1:2:3:4:5:6:7::/64',
      'FD00::1.2.3.4/120',
    ])('accepts include %j', (value) => expect(errorsFor(include, value)).toEqual([]));

    test.each([
      'bad',
      '10.0.0.0',
      '10.0.0.0/33',
      '10.0.0.0/08',
      '10.0.0.256/8',
      '010.0.0.1/8',
      '10.0.0.0/8, 10.1.0.0/16',
      '10.0.0.0/8,',
      'fe80::1%eth0/64',
      '1::2::3/64',
      '1.2.3.4::/64',
      ':1::/64',
      '1:2:3:4:5:6:7:8::/64',
      '1:2:3:4:5:6:7:8:9/64',
      '::/129',
    ])('rejects include %j naming includeIPRanges', (value) => {
      const errors = errorsFor(include, value);
      expect(errors).toHaveLength(1);
      expect(errors[0].toLowerCase()).toContain('includeipranges');
      expect(errors[0]).toContain(include);
    });

    test('excludes must be CIDRs and have no wildcard', () => {
      expect(errorsFor(exclude, '10.96.0.2/24,10.96.0.3/24')).toEqual([]);
      expect(errorsFor(exclude, '*')[0]).toMatch(/excludeIPRanges invalid/);
    });
  });

  describe('ports', () => {
    test('includeInboundPorts takes "*" or a list', () => {
      expect(errorsFor('traffic.sidecar.istio.io/includeInboundPorts', '*')).toEqual([]);
      expect(errorsFor('traffic.sidecar.istio.io/includeInboundPorts', ' 80, 443 ')).toEqual([]);
      expect(errorsFor('traffic.sidecar.istio.io/includeInboundPorts', '80,x')[0]).toMatch(/includeInboundPorts invalid: "x"/);
    });

    test('excludeInboundPorts refuses "*" (the conformance case)', () => {
      const [error] = errorsFor('traffic.sidecar.istio.io/excludeInboundPorts', '*');
      expect(error.toLowerCase()).toContain('excludeinboundports');
    });

    test('excludeOutboundPorts refuses words and out-of-range ports', () => {
      expect(errorsFor('traffic.sidecar.istio.io/excludeOutboundPorts', 'bad')[0].toLowerCase()).toContain('excludeoutboundports');
      expect(errorsFor('traffic.sidecar.istio.io/excludeOutboundPorts', '65536')).toHaveLength(1);
      expect(errorsFor('traffic.sidecar.istio.io/excludeOutboundPorts', '0,65535')).toEqual([]);
    });

    test('status port must be a port', () => {
      expect(errorsFor('status.sidecar.istio.io/port', '15020')).toEqual([]);
      expect(errorsFor('status.sidecar.istio.io/port', '-1')[0]).toMatch(/statusPort invalid/);
    });
  });

  test.each([
    ['sidecar.istio.io/interceptionMode', 'TPROXY', 'redirect'],
    ['readiness.status.sidecar.istio.io/initialDelaySeconds', '4294967295', '4294967296'],
    ['readiness.status.sidecar.istio.io/periodSeconds', '0', '-1'],
    ['readiness.status.sidecar.istio.io/failureThreshold', '3', '3.5'],
    ['prometheus.istio.io/merge-metrics', 'False', 'no'],
    ['traffic.sidecar.istio.io/excludeInterfaces', 'eth1,net1.100', 'eth 1'],
    ['traffic.sidecar.istio.io/kubevirtInterfaces', 'net1', 'averyveryverylongname'],
    ['istio.io/reroute-virtual-interfaces', 'net1', '1net'],
    ['sidecar.istio.io/proxyCPU', '100m', ''],
    ['sidecar.istio.io/proxyMemory', '128Mi', '128Mi\nmalicious'],
    ['sidecar.istio.io/proxyCPULimit', '2', 'notaquantity'],
    ['sidecar.istio.io/proxyMemoryLimit', '1Gi', '1Gi\u0000'],
  ])('%s accepts %j and rejects %j', (name, good, bad) => {
    expect(errorsFor(name, good)).toEqual([]);
    const errors = errorsFor(name, bad);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(name);
    expect(errors[0]).toContain(JSON.stringify(bad));
  });

  test('names control characters in resource quantities', () => {
    expect(errorsFor('sidecar.istio.io/proxyCPU', '100m\t')[0]).toMatch(/control characters/);
  });

  test.each(['1.5', '1e3', '+1', '.5', '5.', '1Ki', '2E'])('accepts the quantity %j', (value) => {
    expect(errorsFor('sidecar.istio.io/proxyMemory', value)).toEqual([]);
  });

  describe('proxy config', () => {
    const name = 'proxy.istio.io/config';

    test.each([
      'holdApplicationUntilProxyStarts: true',
      '{}',
      '',
      'drainDuration: 23s\nconcurrency: 2\nproxyMetadata:\n  FOO: "1"',
      'discoveryAddress: istiod.istio-system.svc:15012\nunknownField: 1',
      'interceptionMode: TPROXY\ncontrolPlaneAuthPolicy: MUTUAL_TLS',
    ])('accepts %j', (value) => expect(errorsFor(name, value)).toEqual([]));

    test.each([
      ['[1, 2]', /must be a YAML map/],
      ['a: [', /not valid YAML/],
      ['drainDuration: 1.5s', /whole number of seconds/],
      ['drainDuration: 45', /duration in seconds/],
      ['discoveryAddress: istiod', /host:port/],
      ['statusPort: 0', /statusPort must be a port/],
      ['interceptionMode: BOGUS', /interceptionMode must be one of/],
      ['controlPlaneAuthPolicy: INHERIT', /controlPlaneAuthPolicy/],
      ['proxyMetadata:\n  FOO: 1', /proxyMetadata must map names to strings/],
      ['concurrency: two', /concurrency/],
      ['configPath: ""', /configPath must be a non-empty string/],
    ])('rejects %j', (value, message) => {
      const errors = errorsFor(name, value);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(message);
    });
  });

  test('reports every bad annotation, sorted by name', () => {
    const errors = validateAnnotations({
      'traffic.sidecar.istio.io/excludeOutboundPorts': 'bad',
      'sidecar.istio.io/proxyCPU': 'x',
      'traffic.sidecar.istio.io/includeOutboundIPRanges': '10.0.0.0/8',
    });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('sidecar.istio.io/proxyCPU');
    expect(errors[1]).toContain('traffic.sidecar.istio.io/excludeOutboundPorts');
  });
});

describe('validateAnnotations on the kube-inject conformance inputs', () => {
  const dir = CONFORMANCE_KUBE_INJECT;
  const present = fs.existsSync(path.join(dir, 'cases.json'));
  if (!present) {
    test.skip(`${dir} is absent, so there are no conformance cases`, () => undefined);
    return;
  }
  const cases: ConformanceCase[] = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));

  test.each(cases.map((c) => [c.id, c] as const))('%s: errors exactly when the case expects an error, with its text', (_id, c) => {
    const docs = parseDocuments(fs.readFileSync(path.join(dir, c.input), 'utf8'), c.input);
    const errors = docs.flatMap((d) => podAnnotations(d.value)).flatMap((a) => validateAnnotations(a));
    if (c.expectedError === null) {
      expect(errors).toEqual([]);
    } else {
      expect(errors.join('\n').toLowerCase()).toContain(c.expectedError.toLowerCase());
    }
  });
});

interface ConformanceCase {
  id: string;
  input: string;
  expectedError: string | null;
}

/** The annotations of every pod (template) in a document, by the kinds the injector handles. */
function podAnnotations(doc: unknown): Record<string, string>[] {
  const kind = at(doc, 'kind');
  if (kind === 'List') return list(doc, 'items').flatMap(podAnnotations);
  if (kind === 'Pod') return [annotationsOf(doc)];
  const template = kind === 'CronJob' ? at(doc, 'spec', 'jobTemplate', 'spec', 'template') : at(doc, 'spec', 'template');
  return template ? [annotationsOf(template)] : [];
}

/** The annotations in an object's metadata, as the injector reads them (string values). */
function annotationsOf(obj: unknown): Record<string, string> {
  return (at(obj, 'metadata', 'annotations') ?? {}) as Record<string, string>;
}
