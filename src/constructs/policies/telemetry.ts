import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  IstioMetric,
  type MetricsOverrideSpec,
  type TagOverride,
  TELEMETRY_API_VERSION,
  type TelemetrySpec,
  WorkloadMode,
} from '../../model/traffic/telemetry';
import { defined, namespaceOf, percentProblem, selectorProblems, selectorSpec } from './common';

/** Istio's root namespace: a Telemetry there without a selector applies to the whole mesh. */
const DEFAULT_ROOT_NAMESPACE = 'istio-system';

export interface AccessLoggingProps {
  /** Extension providers from the mesh config. @default - the mesh's default providers (`envoy` when enabled) */
  readonly providers?: readonly string[];
  /** Turn access logs off. @default false */
  readonly disabled?: boolean;
  /** A CEL expression; only matching requests are logged, e.g. 'response.code >= 400'. @default - every request */
  readonly filter?: string;
  /** @default WorkloadMode.CLIENT_AND_SERVER */
  readonly mode?: WorkloadMode;
}

export interface TracingProps {
  /** @default - the mesh's default tracing provider */
  readonly providers?: readonly string[];
  /** Share of requests traced, 0-100. @default - the mesh's default (1%) */
  readonly samplingPercentage?: number;
  /** Keep propagating trace context but send no spans. @default false */
  readonly disableSpanReporting?: boolean;
  /** Fixed tags added to every span. @default - none */
  readonly literalTags?: Record<string, string>;
}

export interface MetricOverrideProps {
  /** @default IstioMetric.ALL_METRICS */
  readonly metric?: IstioMetric;
  /** @default WorkloadMode.CLIENT_AND_SERVER */
  readonly mode?: WorkloadMode;
  /** Stop reporting the metric. @default false */
  readonly disabled?: boolean;
  /** Labels (tags) to add, change or remove. @default - none */
  readonly tags?: Record<string, TagOverride>;
}

export interface MetricsProps {
  /** @default - the mesh's default metrics provider (prometheus) */
  readonly providers?: readonly string[];
  /** @default - every metric reported as the provider defines it */
  readonly overrides?: readonly MetricOverrideProps[];
}

export interface TelemetryProps {
  /** @default - generated from the construct path */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** Pod labels of the workloads it applies to. @default - every workload in the namespace */
  readonly selector?: Record<string, string>;
  /** @default - inherited from the namespace or mesh */
  readonly accessLogging?: AccessLoggingProps;
  /** @default - inherited from the namespace or mesh */
  readonly tracing?: TracingProps;
  /** @default - inherited from the namespace or mesh */
  readonly metrics?: MetricsProps;
}

/** A `Telemetry`: access logs, tracing and metrics for a mesh, a namespace or some workloads. */
export class Telemetry extends Construct {
  /** Mesh-wide defaults: a Telemetry named 'mesh-default' in the root namespace, without a selector. */
  public static meshDefault(
    scope: Construct,
    id: string,
    props: Omit<TelemetryProps, 'namespace' | 'selector' | 'name'> & { readonly rootNamespace?: string } = {},
  ): Telemetry {
    const { rootNamespace, ...rest } = props;
    return new Telemetry(scope, id, { ...rest, name: 'mesh-default', namespace: rootNamespace ?? DEFAULT_ROOT_NAMESPACE });
  }

  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: TelemetryProps) {
    super(scope, id);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: TELEMETRY_API_VERSION,
      kind: 'Telemetry',
      metadata: { name: props.name, namespace: namespaceOf(this, props.namespace) },
      spec: renderTelemetry(props),
    });
    this.node.addValidation({ validate: () => telemetryProblems(props) });
  }
}

const providers = (names: readonly string[] | undefined) => (names?.length ? { providers: names.map((name) => ({ name })) } : {});

function renderTelemetry(props: TelemetryProps): TelemetrySpec {
  const { accessLogging: log, tracing, metrics } = props;
  return {
    ...selectorSpec(props.selector),
    ...(log
      ? {
          accessLogging: [
            {
              ...providers(log.providers),
              ...(log.disabled !== undefined ? { disabled: log.disabled } : {}),
              ...(log.filter ? { filter: { expression: log.filter } } : {}),
              ...(log.mode ? { match: { mode: log.mode.name } } : {}),
            },
          ],
        }
      : {}),
    ...(tracing
      ? {
          tracing: [
            {
              ...providers(tracing.providers),
              ...(tracing.samplingPercentage !== undefined ? { randomSamplingPercentage: tracing.samplingPercentage } : {}),
              ...(tracing.disableSpanReporting !== undefined ? { disableSpanReporting: tracing.disableSpanReporting } : {}),
              ...(tracing.literalTags
                ? {
                    customTags: Object.fromEntries(Object.entries(tracing.literalTags).map(([k, value]) => [k, { literal: { value } }])),
                  }
                : {}),
            },
          ],
        }
      : {}),
    ...(metrics
      ? {
          metrics: [
            { ...providers(metrics.providers), ...(metrics.overrides?.length ? { overrides: metrics.overrides.map(renderOverride) } : {}) },
          ],
        }
      : {}),
  };
}

function renderOverride(o: MetricOverrideProps): MetricsOverrideSpec {
  return {
    match: { ...(o.metric ?? IstioMetric.ALL_METRICS).match, mode: (o.mode ?? WorkloadMode.CLIENT_AND_SERVER).name },
    ...(o.disabled !== undefined ? { disabled: o.disabled } : {}),
    ...(o.tags ? { tagOverrides: Object.fromEntries(Object.entries(o.tags).map(([k, t]) => [k, { ...t.spec }])) } : {}),
  };
}

function telemetryProblems(props: TelemetryProps): string[] {
  const problems = selectorProblems(props.selector);
  if (!props.accessLogging && !props.tracing && !props.metrics) {
    problems.push('telemetry configures nothing: set accessLogging, tracing or metrics');
  }
  const allProviders = [
    ...(props.accessLogging?.providers ?? []),
    ...(props.tracing?.providers ?? []),
    ...(props.metrics?.providers ?? []),
  ];
  if (allProviders.some((p) => !p))
    problems.push("provider name '' is empty: use the name of a meshConfig.extensionProviders entry, e.g. 'envoy'");
  if (props.accessLogging?.filter === '')
    problems.push("access log filter '' is empty: give a CEL expression such as 'response.code >= 400', or omit it");
  for (const tag of Object.keys(props.tracing?.literalTags ?? {})) {
    if (!props.tracing!.literalTags![tag]) problems.push(`tracing tag '${tag}' has an empty value: give a value or drop the tag`);
  }
  return [...problems, ...defined([percentProblem('tracing samplingPercentage', props.tracing?.samplingPercentage)])];
}
