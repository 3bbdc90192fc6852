import * as fs from 'fs';
import * as path from 'path';
import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { parseAllDocuments } from 'yaml';
import { gatewayPortNotOnService } from '../../../../../src/engine/analysis/rules/gateways/gateway-port-not-on-service';
import { gatewayDeployment, httpServer, INGRESS_LABELS, istioGateway, service } from '../../../../support/gateway-objects';
import { REFERENCE_ISTIO } from '../../../../support/shared-data';

/** A gateway Service whose target ports differ from its ports (as older gateway charts had), and a UDP port. */
const chartService = service(
  'istio-ingressgateway',
  'istio-ingress',
  [
    { name: 'status-port', port: 15021, protocol: 'TCP', targetPort: 15021 },
    { name: 'http2', port: 80, protocol: 'TCP', targetPort: 8080 },
    { name: 'https', port: 443, protocol: 'TCP', targetPort: '8443' },
    { name: 'dns', port: 53, protocol: 'UDP', targetPort: 5353 },
  ],
  INGRESS_LABELS,
);
const check = (port: number, services = [chartService]) =>
  gatewayPortNotOnService.check(
    new ObjectIndex([gatewayDeployment(), ...services, istioGateway('public', 'shop', [httpServer(['*'], port)])]),
  );

describe('gatewayPortNotOnService', () => {
  test('fires for a server port that is neither a port nor a targetPort of the gateway Service', () => {
    const findings = check(9090);
    expect(findings.map((f) => f.code)).toEqual(['IST0162']);
    expect(findings[0].message).toMatch(
      /server #1 listens on port 9090, but the Services of its pods \(istio=ingressgateway\) expose 80, 443, 8080, 8443, 15021/,
    );
    expect(findings[0].objects.map((o) => `${o.kind} ${o.name}`)).toEqual(['Gateway public', 'Service istio-ingressgateway']);
  });

  test('is quiet for a Service port, a numeric targetPort and a targetPort written as a string', () => {
    for (const port of [80, 8080, 8443]) expect(check(port)).toEqual([]);
  });

  test('ignores UDP ports, as Istio does', () => {
    expect(check(5353).map((f) => f.code)).toEqual(['IST0162']);
  });

  test('fires for every server when no Service selects the gateway pods', () => {
    expect(check(80, [])[0].message).toMatch(/expose no TCP ports/);
  });

  test('is quiet when the Gateway selects no pods (IST0101 says so instead)', () => {
    const gw = istioGateway('public', 'shop', [httpServer(['*'], 9090)], { istio: 'nothing' });
    expect(gatewayPortNotOnService.check(new ObjectIndex([gatewayDeployment(), chartService, gw]))).toEqual([]);
  });
});

const REFERENCE = path.join(REFERENCE_ISTIO, 'gateway.default.yaml');
const referencePresent = fs.existsSync(REFERENCE);
const describeReference = referencePresent ? describe : describe.skip;

describeReference(
  `gatewayPortNotOnService on the real gateway chart render${referencePresent ? '' : ` (skipped: ${REFERENCE} is absent)`}`,
  () => {
    // Read when a test runs: a skipped describe still runs its body to collect tests.
    const rendered = () =>
      parseAllDocuments(fs.readFileSync(REFERENCE, 'utf-8'))
        .map((d) => d.toJS())
        .filter((o) => o && typeof o === 'object')
        .map((object) => ({ object }));
    const withServer = (port: number) =>
      new ObjectIndex([...rendered(), istioGateway('public', 'istio-ingress', [httpServer(['*'], port)])]);

    test('is quiet for ports 80 and 443, and fires for 8080, which the default Service does not expose', () => {
      expect(gatewayPortNotOnService.check(withServer(80))).toEqual([]);
      expect(gatewayPortNotOnService.check(withServer(443))).toEqual([]);
      expect(gatewayPortNotOnService.check(withServer(8080)).map((f) => f.code)).toEqual(['IST0162']);
    });
  },
);
