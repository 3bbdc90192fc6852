import * as fs from 'fs';
import * as path from 'path';
import { CrdValidator } from '../../../../src/engine/analysis/schema/validator';
import { type KubeObject } from '../../../../src/engine/k8s/object';
import { parseDocuments } from '../../../../src/engine/yaml/documents';
import { widget, WIDGET_CRD } from './fixture-crds';
import { REFERENCE_ISTIO } from '../../../support/shared-data';

describe('CrdValidator', () => {
  const validator = new CrdValidator([WIDGET_CRD]);

  test('accepts a valid object, int-or-string either way, and unknown fields under preserve-unknown-fields', () => {
    expect(validator.validate(widget({ mode: 'ON', port: 80, target: 'http', extra: { anything: [1] }, labels: { a: 'b' } }))).toEqual([]);
    expect(validator.validate(widget({ mode: 'ON', target: 8080 }))).toEqual([]);
  });

  test('names the field path of an enum, type and format violation', () => {
    const issues = validator.validate(widget({ mode: 'MAYBE', port: 2 ** 40, ports: [{ number: 'eighty' }] }));
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'spec.mode', message: 'must be one of "ON", "OFF"' },
        { path: 'spec.port', message: 'must have format int32' },
        { path: 'spec.ports[0].number', message: 'must be of type integer' },
      ]),
    );
  });

  test('reports unknown fields (typos) and missing required fields', () => {
    const issues = validator.validate(widget({ mdoe: 'ON' }));
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'spec.mdoe', message: expect.stringContaining('is not a field') },
        { path: 'spec.mode', message: 'is required' },
      ]),
    );
  });

  test('accepts apiVersion, kind and metadata though the CRD schema leaves them out', () => {
    expect(validator.validate({ ...widget({ mode: 'ON' }), metadata: { name: 'w', labels: { a: 'b' } } })).toEqual([]);
  });

  test('reports a version the CRD does not serve', () => {
    expect(validator.validate(widget({ mode: 'ON' }, 'example.istio.io/v1alpha1'))).toEqual([
      { path: 'apiVersion', message: 'version example.istio.io/v1alpha1 is not served by the CRD (served: example.istio.io/v1)' },
    ]);
  });

  test('says nothing about kinds without a CRD', () => {
    expect(validator.validate({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { bogus: 1 } })).toEqual([]);
  });
});

const REFERENCE = path.join(REFERENCE_ISTIO, 'base.default.yaml');
const referencePresent = fs.existsSync(REFERENCE);
const describeReference = referencePresent ? describe : describe.skip;

describeReference(`CrdValidator on Istio 1.30.3's CRDs${referencePresent ? '' : ` (skipped: ${REFERENCE} is absent)`}`, () => {
  const crds = referencePresent
    ? parseDocuments(fs.readFileSync(REFERENCE, 'utf8'))
        .map((d) => d.value as KubeObject)
        .filter((o) => o.kind === 'CustomResourceDefinition')
    : [];

  test('compiles every served version and validates typical resources', () => {
    const validator = new CrdValidator(crds);
    let versions = 0;
    for (const crd of crds) {
      const spec = crd.spec as { group: string; names: { kind: string }; versions: { name: string }[] };
      for (const v of spec.versions) {
        // An empty spec compiles the version; the only complaints allowed are the kind's required fields.
        const issues = validator.validate({
          apiVersion: `${spec.group}/${v.name}`,
          kind: spec.names.kind,
          metadata: { name: 'x' },
          spec: {},
        });
        expect(issues.filter((i) => i.message !== 'is required')).toEqual([]);
        versions++;
      }
    }
    expect(versions).toBeGreaterThan(20);
  });

  test('finds a misspelled mTLS mode and an unknown DestinationRule field', () => {
    const validator = new CrdValidator(crds);
    const pa = {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'p' },
      spec: { mtls: { mode: 'STRICTLY' } },
    };
    expect(validator.validate(pa)).toEqual([
      { path: 'spec.mtls.mode', message: 'must be one of "UNSET", "DISABLE", "PERMISSIVE", "STRICT"' },
    ]);
    const dr = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'd' },
      spec: { host: 'a', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' }, loadBalancr: {} } },
    };
    expect(validator.validate(dr)).toEqual([
      { path: 'spec.trafficPolicy.loadBalancr', message: expect.stringContaining('is not a field') },
    ]);
  });
});
