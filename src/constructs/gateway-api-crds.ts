import { Construct } from 'constructs';
import { Stage } from '../core/stage';
import { addSynthWarning } from '../core/warnings';
import { GATEWAY_API_CHANNELS, type GatewayApiChannel } from '../engine/gateway-api/crd-bundle';
import { GatewayApiCrdsSource, type LoadedCrdBundle, loadCrdBundle } from '../engine/gateway-api/crd-source';
import { isUserFacing } from '../errors';
import { brand, hasBrand } from '../model/brand';
import { describeValue } from '../model/names';
import { addApiObjects } from './control-plane/rendered-chart';

export interface GatewayApiCrdsProps {
  /** The install file: `GatewayApiCrdsSource.file(path)` or `GatewayApiCrdsSource.url(url, { sha256 })`. */
  readonly source: GatewayApiCrdsSource;
  /**
   * The channel the file must be of (each CRD's `gateway.networking.k8s.io/channel` annotation).
   * @default 'standard'
   */
  readonly channel?: GatewayApiChannel;
}

/**
 * The Gateway API CRDs from a release's install file, one ApiObject per object, all in the CRD stage (with the
 * bundle's own admission policy, when the file has it). Istio's waypoints and Gateway API routes need them.
 * A file that cannot be read or checked becomes a validation error, so synth reports it with every other.
 */
export class GatewayApiCrds extends Construct {
  /** Whether `x` is a GatewayApiCrds, also one from another copy of this library. */
  public static isGatewayApiCrds(x: unknown): x is GatewayApiCrds {
    return hasBrand(x, 'GatewayApiCrds');
  }

  static {
    brand(GatewayApiCrds, 'GatewayApiCrds');
  }

  public readonly channel: GatewayApiChannel;
  /** The bundle version of the CRDs (their `gateway.networking.k8s.io/bundle-version`, e.g. `v1.5.1`); undefined when the file was refused. */
  public readonly bundleVersion?: string;
  /** sha256 of the install file; undefined when it was refused. */
  public readonly digest?: string;

  constructor(scope: Construct, id: string, props: GatewayApiCrdsProps) {
    super(scope, id);
    this.channel = props?.channel ?? 'standard';
    const errors: string[] = [];
    this.node.addValidation({ validate: () => errors });
    Stage.assign(this, Stage.crds());
    const bundle = this.load(props?.source, errors);
    if (!bundle) return;
    this.bundleVersion = bundle.bundleVersion;
    this.digest = bundle.digest;
    for (const skipped of bundle.skipped) addSynthWarning(this, `left out ${skipped}; the CRDs are installed without it`);
    addApiObjects(this, bundle.objects, errors);
  }

  private load(source: unknown, errors: string[]): LoadedCrdBundle | undefined {
    if (!GATEWAY_API_CHANNELS.includes(this.channel)) {
      errors.push(`channel ${describeValue(this.channel)} is not a gateway api channel: use ${GATEWAY_API_CHANNELS.join(' or ')}`);
    }
    if (!GatewayApiCrdsSource.isGatewayApiCrdsSource(source)) {
      errors.push(
        `source must be a GatewayApiCrdsSource, got ${describeValue(source)}: use GatewayApiCrdsSource.file(path) or .url(url, { sha256 })`,
      );
    }
    if (errors.length > 0) return undefined;
    try {
      return loadCrdBundle(source as GatewayApiCrdsSource, this.channel);
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      errors.push(error.message);
      return undefined;
    }
  }
}
