// A stand-in gateway deployment for tests of routing constructs, which bind to the IGatewayDeployment interface only.
import { Construct } from 'constructs';
import { type GatewayServicePort, type IGatewayDeployment } from '../../src/constructs/gateways/gateway-deployment';

export class FakeGatewayDeployment extends Construct implements IGatewayDeployment {
  constructor(
    scope: Construct,
    id: string,
    public readonly direction: 'ingress' | 'egress',
    public readonly name: string,
    public readonly namespace: string,
    public readonly servicePorts: readonly GatewayServicePort[] = [
      { name: 'http2', port: 80 },
      { name: 'https', port: 443 },
    ],
  ) {
    super(scope, id);
  }

  public get podSelector(): Record<string, string> {
    return { app: this.name, istio: this.name.replace(/^istio-/, '') };
  }

  public get serviceName(): string {
    return this.name;
  }
}
