import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { gatewayApiCrdVersion } from '../../../../../src/engine/analysis/rules/ambient/gateway-api-crd-version';
import { type KubeObject } from '../../../../../src/engine/k8s/object';
import { named, run } from '../../fixtures';
import { crd } from './fixtures';
import { REFERENCE_GATEWAY_API } from '../../../../support/shared-data';

describe('IST0176 Gateway API CRD too old for Istio', () => {
  test('reports each checked CRD below its minimum, naming the version found and the one needed', () => {
    const findings = run(gatewayApiCrdVersion, [
      crd('tlsroutes.gateway.networking.k8s.io', 'v1.4.1'),
      crd('backendtlspolicies.gateway.networking.k8s.io', 'v1.3.0'),
      crd('grpcroutes.gateway.networking.k8s.io', 'v1.0.0'),
    ]);
    expect(findings.map(named).sort()).toEqual([
      ['CustomResourceDefinition backendtlspolicies.gateway.networking.k8s.io'],
      ['CustomResourceDefinition grpcroutes.gateway.networking.k8s.io'],
      ['CustomResourceDefinition tlsroutes.gateway.networking.k8s.io'],
    ]);
    expect(findings[0]).toMatchObject({ code: 'IST0176', level: 'warning' });
    const of = (name: string) => findings.find((f) => f.objects[0].name === `${name}.gateway.networking.k8s.io`)?.message;
    expect(of('tlsroutes')).toMatch(/has bundle version v1\.4\.1, but Istio 1\.30 needs at least v1\.5\.0 for it and ignores the CRD/);
    expect(of('grpcroutes')).toMatch(/at least v1\.1\.0/);
    expect(of('backendtlspolicies')).toMatch(/v1\.3\.0, but .* at least v1\.4\.0/);
  });

  test('stays silent at or above the minimum, for release candidates of the minimum, and for unchecked kinds', () => {
    const findings = run(gatewayApiCrdVersion, [
      crd('tlsroutes.gateway.networking.k8s.io', 'v1.5.0-rc.1'),
      crd('grpcroutes.gateway.networking.k8s.io', 'v1.1.0'),
      crd('backendtlspolicies.gateway.networking.k8s.io', 'v1.5.1'),
      crd('httproutes.gateway.networking.k8s.io', 'v0.8.0'),
    ]);
    expect(findings).toEqual([]);
  });

  describe('the real Gateway API v1.5.1 CRDs', () => {
    const files = ['standard-install.yaml', 'experimental-install.yaml'].map((f) => path.join(REFERENCE_GATEWAY_API, f));
    const present = files.every((f) => fs.existsSync(f));
    if (!present) {
      process.stderr.write(`skipping the IST0176 check of the real Gateway API v1.5.1 CRDs: ${REFERENCE_GATEWAY_API} is absent\n`);
      test.skip(`are absent (${REFERENCE_GATEWAY_API}): the check against the real v1.5.1 CRDs is skipped`, () => undefined);
      return;
    }
    const read = (file: string): KubeObject[] =>
      parseAllDocuments(fs.readFileSync(file, 'utf-8'))
        .map((d) => d.toJS() as KubeObject)
        .filter((o) => o?.kind === 'CustomResourceDefinition');

    test.each(files)('%s passes', (file) => {
      const crds = read(file);
      expect(crds.map((c) => c.metadata.name)).toContain('grpcroutes.gateway.networking.k8s.io');
      expect(run(gatewayApiCrdVersion, crds)).toEqual([]);
    });

    test('the experimental TLSRoute CRD relabeled v1.4.1 is reported', () => {
      const tls = read(files[1]).find((c) => c.metadata.name === 'tlsroutes.gateway.networking.k8s.io');
      expect(tls).toBeDefined();
      const old = {
        ...tls!,
        metadata: { ...tls!.metadata, annotations: { ...tls!.metadata.annotations, 'gateway.networking.k8s.io/bundle-version': 'v1.4.1' } },
      };
      expect(run(gatewayApiCrdVersion, [old]).map(named)).toEqual([['CustomResourceDefinition tlsroutes.gateway.networking.k8s.io']]);
    });
  });
});
