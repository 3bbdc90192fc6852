import { type Construct } from 'constructs';
import { brandGatewayRelease, type IGatewayRelease } from '../../core/gateway';
import { addSynthWarning } from '../../core/warnings';
import { isRecord } from '../../engine/k8s/object';
import { dns1123LabelError } from '../../model/names';
import { type ExtraValues } from '../../model/values/common';
import { droppedGatewayValues } from '../../model/values/gateway-dropped';
import { type GatewayValues } from '../../model/values/gateway-values';
import { mergeValues } from '../../model/values/merge';
import { validateGatewayValues } from '../../model/values/validate-gateway';
import { ChartRelease } from '../control-plane/chart-release';
import { type ProxyRevision, proxyRevisionErrors } from '../revisions';
import { type ControlPlaneNamespaceProps } from '../control-plane/namespace';
import { type ChartRenderProps } from '../control-plane/rendered-chart';
import { type GatewayServicePort, type IGatewayDeployment } from './gateway-deployment';
import { gatewayInjectionErrors } from './gateway-injection';

/** Props of IngressGateway and EgressGateway. */
export interface GatewayProps extends Omit<ChartRenderProps, 'namespace' | 'releaseName'>, ControlPlaneNamespaceProps {
  /**
   * The helm release name, which names the Deployment, Service, ServiceAccount and roles, and sets the pod labels
   * `app: <name>` and `istio: <name without 'istio-'>` that Istio Gateways select.
   * @default 'istio-ingressgateway' (IngressGateway), 'istio-egressgateway' (EgressGateway)
   */
  readonly name?: string;
  /**
   * Namespace the gateway runs in (created unless `createNamespace` is false).
   * @default 'istio-ingress' (IngressGateway), 'istio-egress' (EgressGateway)
   */
  readonly namespace?: string;
  /**
   * Typed values of the gateway chart (key names as in its values.yaml).
   * @default - the chart's defaults (EgressGateway: with a ClusterIP Service)
   */
  readonly values?: GatewayValues;
  /**
   * Any other chart values, deep-merged over `values` last (arrays replace). Not type-checked beyond the keys
   * `values` knows.
   * @default {}
   */
  readonly extraValues?: ExtraValues;
  /**
   * The control plane revision of `values.revision` (without one: the default revision) is installed outside this
   * app (another repository's control plane): synth does not look for its Istiod or RevisionTag.
   * @default false - an Istiod or RevisionTag of the app must serve it (the default revision is looked for only when
   * the app has an Istiod)
   */
  readonly externalRevision?: boolean;
}

/** What each gateway construct sets before the user's props. */
export interface GatewayDefaults {
  readonly direction: 'ingress' | 'egress';
  readonly name: string;
  readonly namespace: string;
  /** Values under the user's `values`. */
  readonly values: GatewayValues;
}

/**
 * A gateway proxy rendered from Istio's `gateway` chart at construction time; IngressGateway and EgressGateway differ
 * only in their defaults. A chart that cannot be found or rendered becomes a synth error, values the chart would
 * silently drop become synth warnings. Its pods are injected by istiod (image `auto`), so synth puts them after the
 * control plane. Creates its namespace unless `createNamespace` is false or another construct of the app did.
 */
export abstract class GatewayRelease extends ChartRelease implements IGatewayDeployment, IGatewayRelease {
  static {
    brandGatewayRelease(GatewayRelease);
  }

  public readonly direction: 'ingress' | 'egress';
  /** The release name. */
  public readonly name: string;
  /** The full values given to helm (our defaults, `values`, `extraValues`). */
  public readonly values: Record<string, unknown>;
  /** The control plane revision whose injector fills in the pods; undefined for the default revision. */
  public readonly revision: string | undefined;
  /** Labels selecting exactly the gateway's pods: the workload's selector as rendered. */
  public readonly podSelector: Readonly<Record<string, string>>;
  /**
   * The rendered Service's name: the gateway's name (`values.name` or the release name). With `service.type: 'None'`
   * no Service is rendered and `servicePorts` is empty.
   */
  public readonly serviceName: string;
  /** The rendered Service's ports; empty without a Service. */
  public readonly servicePorts: readonly GatewayServicePort[];

  protected constructor(scope: Construct, id: string, props: GatewayProps, defaults: GatewayDefaults) {
    super(scope, id, props.namespace ?? defaults.namespace, props.createNamespace);
    this.direction = defaults.direction;
    this.name = props.name ?? defaults.name;
    this.values = mergeValues(defaults.values as Record<string, unknown>, props.values as Record<string, unknown>, props.extraValues);
    const errors = [
      ...[dns1123LabelError(this.namespace, 'namespace')].filter((e): e is string => e !== undefined),
      ...nameErrors(this.name),
      ...validateGatewayValues(this.values),
    ];
    this.renderRelease({ chart: 'gateway', release: this.name, values: this.values, errors }, props);
    for (const warning of droppedGatewayValues(this.values)) addSynthWarning(this, warning);
    const revision = this.values.revision;
    this.revision = typeof revision === 'string' && revision !== '' ? revision : undefined;
    // A revision that is not a name is reported by validateGatewayValues.
    if (this.revision === undefined ? revision === undefined || revision === '' : !dns1123LabelError(this.revision, 'revision')) {
      const proxy: ProxyRevision = {
        what: `gateway ${this.namespace}/${this.name}`,
        namespace: this.namespace,
        revision: this.revision,
        external: props.externalRevision,
        construct: defaults.direction === 'ingress' ? 'IngressGateway' : 'EgressGateway',
        revisionProp: (name) => `values: { revision: '${name}' }`,
      };
      this.node.addValidation({ validate: () => proxyRevisionErrors(this, proxy) });
      this.node.addValidation({ validate: () => gatewayInjectionErrors(this, proxy.what, this.namespace, this.revision) });
    }
    const workload = this.renderedObjects.find((o) => o.apiVersion === 'apps/v1' && (o.kind === 'Deployment' || o.kind === 'DaemonSet'));
    const valuesName = this.values.name;
    const objectName = typeof valuesName === 'string' && valuesName !== '' ? valuesName : this.name;
    this.podSelector = workload
      ? stringMap(at(workload, 'spec', 'selector', 'matchLabels'))
      : chartSelector(objectName, this.values.labels);
    const service = this.renderedObjects.find((o) => o.apiVersion === 'v1' && o.kind === 'Service');
    this.serviceName = service?.metadata.name ?? objectName;
    this.servicePorts = servicePorts(at(service, 'spec', 'ports'));
  }
}

/** The release name becomes object names and a label value; helm allows at most 53 characters. */
function nameErrors(name: string): string[] {
  const problem = dns1123LabelError(name, 'name');
  if (problem) return [problem];
  return name.length > 53 ? [`name '${name}' is ${name.length} characters long: helm allows at most 53; use a shorter name`] : [];
}

/**
 * The chart's selector labels, for when there is no render (synth reports why): keeps routes bound by reference from
 * adding errors of their own about an empty selector.
 */
function chartSelector(name: string, labels: unknown): Record<string, string> {
  const given = stringMap(labels);
  // A name of another type from JavaScript is reported by nameErrors; the selector just must not throw first.
  return { app: given.app ?? name, istio: given.istio ?? String(name).replace(/^istio-/, '') };
}

function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) current = isRecord(current) ? current[key] : undefined;
  return current;
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function servicePorts(value: unknown): GatewayServicePort[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((p) =>
    typeof p.port === 'number'
      ? [
          {
            port: p.port,
            ...(typeof p.name === 'string' ? { name: p.name } : {}),
            ...(typeof p.targetPort === 'number' ? { targetPort: p.targetPort } : {}),
            ...(typeof p.protocol === 'string' ? { protocol: p.protocol } : {}),
          },
        ]
      : [],
  );
}
