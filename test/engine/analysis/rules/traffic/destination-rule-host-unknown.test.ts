import { ObjectIndex } from '../../../../../src/engine/analysis/index-objects';
import { destinationRuleHostUnknown } from '../../../../../src/engine/analysis/rules/traffic/destination-rule-host-unknown';

const service = {
  object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'echo', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } },
};
const dr = (host: string) => ({
  object: { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'echo', namespace: 'shop' }, spec: { host } },
});

describe('destinationRuleHostUnknown', () => {
  test('fires for a host with no Service in its namespace', () => {
    const findings = destinationRuleHostUnknown.check(new ObjectIndex([service, dr('echoo')]));
    expect(findings.map((f) => [f.code, f.level])).toEqual([['IST0174', 'warning']]);
    expect(findings[0].message).toMatch(/host 'echoo' matches no Service/);
  });

  test('is quiet for an existing Service', () => {
    expect(destinationRuleHostUnknown.check(new ObjectIndex([service, dr('echo.shop.svc.cluster.local')]))).toEqual([]);
  });
});
