// Public API of cdk8s-istio. Exports only; see docs/ARCHITECTURE.md for the data flow.
export * from './errors';
export * from './synth/mesh-app';
export { OutputLayout, DELIVERY_FOLDER } from './synth/layout';
export type { StageFoldersOptions } from './synth/layout';
export { Stage } from './synth/stage';
export type { OutputPlan, PlannedObject, IOutputDescriber } from './synth/plan';
export { SYNC_WAVE_ANNOTATION } from './synth/normalize';
// Mesh analysis: the rules behind `cdk8s-istio analyze` and MeshApp's synth-time checks.
export { analyze, SUPPRESS_ANNOTATION } from './engine/analysis/analyze';
export type { AnalyzeOptions } from './engine/analysis/analyze';
export { ALL_RULES } from './engine/analysis/rules';
export { ObjectIndex } from './engine/analysis/index-objects';
export { LEVELS } from './engine/analysis/rule';
export type { Finding, Level, ObjectRef, Rule, SourcedObject } from './engine/analysis/rule';
export { runSynthChecks } from './synth/checks';
export type { MeshAnalysisOptions, SynthChecksOptions } from './synth/checks';
export { diffOutputs, formatDrift, readOutputDir } from './synth/diff';
export type { FileDrift, ObjectDrift } from './synth/diff';
export * from './constructs/gitops/argocd-applications';
export * from './constructs/gitops/flux-kustomizations';
export { dns1123LabelError, dns1123SubdomainError, labelKeyError, labelValueError } from './model/names';
export * from './model/injection-mode';
export * from './model/mtls';
// Control plane: the Istio base and istiod charts rendered with helm (typed values, chart sources, render cache).
export * from './constructs/control-plane/istio-base';
export * from './constructs/control-plane/istiod';
export type { ChartRenderProps } from './constructs/control-plane/rendered-chart';
export { ChartSource, OFFICIAL_REPOSITORY_URL } from './engine/charts/chart-source';
export type { ChartSourceSpec, IstioChartName, OciSourceOptions, RepositorySourceOptions } from './engine/charts/chart-source';
export { clearRenderCache, defaultRenderCacheDir } from './engine/charts/render-cache';
export { cacheRoot } from './engine/charts/cache-dir';
export type { BaseValues, BaseGlobalValues, BaseChartValues, IstioProfileName } from './model/values/base-values';
export type {
  IstiodValues,
  IstiodGlobalValues,
  MeshConfigValues,
  ProxyConfigValues,
  ProxyLogLevel,
  ProxyValues,
  SidecarInjectorWebhookValues,
} from './model/values/istiod-values';
export type { ExtraValues, LabelSelector, Quantity, ResourceRequirements, Toleration } from './model/values/common';
export { DEFAULT_HUB, ISTIO_VERSION } from './model/values/version';
export * from './constructs/mesh-namespace';
export * from './constructs/workloads';
export type { PreInjection, PreInjectionOptions } from './constructs/pre-injection';
export * from './constructs/policies/peer-authentication';
export { appRevisions } from './constructs/revisions';
export { buildExampleApp, EXAMPLE_CHARTS } from './example';
export type { ExampleApp, ExampleAppOptions } from './example';
// Traffic, security and telemetry policies (our own types for the Istio APIs; see src/model/traffic).
export { IstioDuration } from './model/traffic/duration';
export { StringMatch } from './model/traffic/string-match';
export { ClientTls, LoadBalancer, RetryOn } from './model/traffic/traffic-values';
export { AuthorizationAction } from './model/traffic/security';
export { IstioMetric, TagOverride, WorkloadMode } from './model/traffic/telemetry';
export type {
  ClientTlsSpec,
  ConnectionPoolSpec,
  DestinationRuleSpec,
  DestinationSpec,
  HttpFaultSpec,
  HttpMatchSpec,
  HttpRetrySpec,
  HttpRouteDestinationSpec,
  HttpRouteSpec,
  LoadBalancerSpec,
  OutlierDetectionSpec,
  StringMatchSpec,
  SubsetSpec,
  TrafficPolicySpec,
  VirtualServiceSpec,
} from './model/traffic/networking';
export type {
  AuthorizationPolicySpec,
  AuthorizationRuleSpec,
  ConditionSpec,
  JwtRuleSpec,
  OperationSpec,
  RequestAuthenticationSpec,
  SourceSpec,
  WorkloadSelectorSpec,
} from './model/traffic/security';
export type { AccessLoggingSpec, MetricsOverrideSpec, MetricsSpec, TelemetrySpec, TracingSpec } from './model/traffic/telemetry';
export { DestinationRule } from './constructs/policies/destination-rule';
export type {
  ConnectionPoolProps,
  DestinationRuleProps,
  OutlierDetectionProps,
  SubsetProps,
  TrafficPolicyProps,
} from './constructs/policies/destination-rule';
export { VirtualService } from './constructs/policies/virtual-service';
export type {
  FaultProps,
  HttpMatchProps,
  HttpRouteProps,
  MirrorProps,
  RetryProps,
  RouteDestinationProps,
  VirtualServiceProps,
} from './constructs/policies/virtual-service';
export { AuthorizationPolicy } from './constructs/policies/authorization-policy';
export type {
  AuthorizationPolicyProps,
  AuthorizationRuleProps,
  RequestOperationProps,
  RequestSourceProps,
} from './constructs/policies/authorization-policy';
export { RequestAuthentication } from './constructs/policies/request-authentication';
export type { JwtIssuerProps, RequestAuthenticationProps } from './constructs/policies/request-authentication';
export { Telemetry } from './constructs/policies/telemetry';
export type { AccessLoggingProps, MetricOverrideProps, MetricsProps, TelemetryProps, TracingProps } from './constructs/policies/telemetry';
export { MeshService } from './constructs/mesh-service';
export type {
  AbTestOptions,
  BlueGreenOptions,
  CanaryOptions,
  MeshServiceProps,
  ResilienceOptions,
  ServiceReference,
  VersionPods,
} from './constructs/mesh-service';
export { addTrafficExample } from './example-traffic';
export type { TrafficExample, TrafficExampleOptions } from './example-traffic';
// Offline sidecar injection, equal to `istioctl kube-inject` of Istio 1.30.3.
export { buildInjectionSettings, injectObject, injectYaml, InjectionError } from './engine/injection';
export type { InjectionOverrides, InjectionResult, InjectionSettings } from './engine/injection';
