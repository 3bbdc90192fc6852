// Public API of cdk8s-istio. Exports only; see docs/ARCHITECTURE.md for the data flow.
// test/index.test.ts lists every exported name, so an addition here is a deliberate one.
export { isUserFacing, UserError } from './errors';

// The app: synth, layouts, stages, and what GitOps constructs see of the output.
export { MeshApp } from './synth/mesh-app';
export type { MeshAppProps } from './synth/mesh-app';
export { DELIVERY_FOLDER, OutputLayout } from './core/output-layout';
export type { StageFoldersOptions } from './core/output-layout';
export { Stage, SYNC_WAVE_ANNOTATION } from './core/stage';
export type { IOutputDescriber, OutputPlan, PlannedObject } from './core/output-plan';
export type { MeshAnalysisOptions } from './synth/checks';
export { ArgoCdApplications, ArgoCdSync } from './constructs/gitops/argocd-applications';
export type { ArgoCdApplicationsProps, ArgoCdAutomatedSyncOptions } from './constructs/gitops/argocd-applications';
export { FluxKustomizations, FluxSource } from './constructs/gitops/flux-kustomizations';
export type { FluxKustomizationsProps } from './constructs/gitops/flux-kustomizations';

// Mesh analysis: the rules behind `cdk8s-istio analyze` and MeshApp's synth-time checks. ObjectIndex is what a
// custom rule's `check` receives; it is built by analyze(), never by the user.
export { analyze, SUPPRESS_ANNOTATION } from './engine/analysis/analyze';
export type { AnalyzeOptions } from './engine/analysis/analyze';
export { ALL_RULES } from './engine/analysis/rules';
export type { ObjectIndex } from './engine/analysis/index-objects';
export { LEVELS } from './engine/analysis/rule';
export type { Finding, Level, ObjectRef, Rule, SourcedObject } from './engine/analysis/rule';

// Control plane: the Istio base and istiod charts rendered with helm (typed values, chart sources).
export { IstioBase } from './constructs/control-plane/istio-base';
export type { IstioBaseProps } from './constructs/control-plane/istio-base';
export { Istiod } from './constructs/control-plane/istiod';
export type { IstiodProps } from './constructs/control-plane/istiod';
export { RevisionTag } from './constructs/control-plane/revision-tag';
export type { RevisionTagProps } from './constructs/control-plane/revision-tag';
export type { ControlPlaneNamespaceProps } from './constructs/control-plane/namespace';
export type { ChartRenderProps } from './constructs/control-plane/rendered-chart';
export { ChartSource, OFFICIAL_REPOSITORY_URL } from './engine/charts/chart-source';
export type { ChartSourceSpec, IstioChartName, OciSourceOptions, RepositorySourceOptions } from './engine/charts/chart-source';
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

// Ambient data plane: the istio-cni node agent and ztunnel, and the platforms the charts know (docs/ambient.md).
export { IstioCni } from './constructs/control-plane/istio-cni';
export type { IstioCniProps } from './constructs/control-plane/istio-cni';
export { Ztunnel } from './constructs/control-plane/ztunnel';
export type { ZtunnelProps } from './constructs/control-plane/ztunnel';
export type { CniValues, CniGlobalValues, CniAmbientValues, CniRepairValues, CniOverrideValues } from './model/values/cni-values';
export type { ZtunnelValues, ZtunnelGlobalValues } from './model/values/ztunnel-values';
export { ISTIO_PLATFORMS } from './model/values/platform';
export type { IstioPlatform } from './model/values/platform';

// Waypoints, opting in and out of them, and the Gateway API CRDs they need (docs/ambient.md).
export { Waypoint } from './constructs/ambient/waypoint';
export type { WaypointProps } from './constructs/ambient/waypoint';
export { UseWaypoint, useWaypoint } from './constructs/ambient/use-waypoint';
export type { WaypointChoice } from './constructs/ambient/use-waypoint';
export type { WaypointTraffic } from './model/waypoint';
export { GatewayApiCrds } from './constructs/gateway-api-crds';
export type { GatewayApiCrdsProps } from './constructs/gateway-api-crds';
export { GatewayApiCrdsSource } from './engine/gateway-api/crd-source';
export type { GatewayApiCrdsFileOptions, GatewayApiCrdsUrlOptions } from './engine/gateway-api/crd-source';
export type { GatewayApiChannel } from './engine/gateway-api/crd-bundle';

// Ingress and egress gateways: Istio's gateway chart rendered with helm (docs/gateways.md).
export { IngressGateway } from './constructs/gateways/ingress-gateway';
export type { IngressGatewayProps } from './constructs/gateways/ingress-gateway';
export { EgressGateway } from './constructs/gateways/egress-gateway';
export type { EgressGatewayProps } from './constructs/gateways/egress-gateway';
export type { GatewayProps } from './constructs/gateways/gateway-release';
export type { GatewayServicePort, IGatewayDeployment } from './constructs/gateways/gateway-deployment';
export type {
  GatewayAutoscalingValues,
  GatewayPodDisruptionBudgetValues,
  GatewayServiceAccountValues,
  GatewayServicePortValues,
  GatewayServiceType,
  GatewayServiceValues,
  GatewayValues,
} from './model/values/gateway-values';

// Namespaces, workloads and mTLS.
export { InjectionMode } from './model/injection-mode';
export type { InjectionModeKind, RevisionOptions } from './model/injection-mode';
export { MeshNamespace } from './constructs/mesh-namespace';
export type { MeshNamespaceProps, RequireMtlsOptions } from './constructs/mesh-namespace';
export { effectiveMtls, MtlsMode } from './model/mtls';
export type { EffectiveMtls, EffectiveMtlsMode, MtlsModeValue, MtlsScopes } from './model/mtls';
export { PeerAuthentication } from './constructs/policies/peer-authentication';
export type { PeerAuthenticationLevel, PeerAuthenticationProps } from './constructs/policies/peer-authentication';
export { addToMesh, INJECTION_SUMMARY_ANNOTATION, MeshWorkload, WorkloadInjection } from './constructs/workloads';
export { PROXY_REVISION_ANNOTATION } from './engine/rollout/proxy-revision';
export type {
  IPodMetadata,
  IWorkload,
  MeshWorkloadProps,
  PreInjectionOptions,
  WebhookInjectionOptions,
  WorkloadInjectionKind,
} from './constructs/workloads';

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
  PolicyTargetRef,
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

// Offline sidecar injection, equal to `istioctl kube-inject` of Istio 1.30.3.
export { buildInjectionSettings, injectObject, injectYaml, InjectionError } from './engine/injection';
export type { InjectionOverrides, InjectionResult, InjectionSettings } from './engine/injection';

// Routing at the edge: Istio Gateways, the Gateway API, egress (ServiceEntry, egress routes, declared external hosts).
export { IstioGateway } from './constructs/gateways/istio-gateway';
export type { GatewayServerProps, IIstioGateway, IstioGatewayProps } from './constructs/gateways/istio-gateway';
export { ServerTls } from './model/traffic/gateway';
export type {
  GatewaySpec,
  MountedCertificates,
  ServerProtocol,
  ServerSpec,
  ServerTlsModeName,
  ServerTlsSpec,
  TerminatingTlsOptions,
  TlsProtocolVersion,
} from './model/traffic/gateway';
export { KubernetesGateway } from './constructs/gateway-api/kubernetes-gateway';
export type {
  CertificateRef,
  IKubernetesGateway,
  KubernetesGatewayProps,
  ListenerAllowedRoutes,
  ListenerProps,
} from './constructs/gateway-api/kubernetes-gateway';
export { HttpRoute } from './constructs/gateway-api/http-route';
export type {
  HttpBackendProps,
  HttpRouteMatchProps,
  HttpRouteParentProps,
  GatewayHttpRouteProps,
  HttpRouteRuleProps,
} from './constructs/gateway-api/http-route';
export { ReferenceGrant } from './constructs/gateway-api/reference-grant';
export type { ReferenceGrantFrom, ReferenceGrantProps, ReferenceGrantTo } from './constructs/gateway-api/reference-grant';
export { HttpRouteFilter, PathModifier } from './model/traffic/http-route-filter';
export type { HeaderChanges, MirrorBackend, RedirectOptions } from './model/traffic/http-route-filter';
export type { ListenerProtocol } from './model/traffic/gateway-api';
export { ServiceEntry } from './constructs/policies/service-entry';
export type { ServiceEntryEndpointProps, ServiceEntryPortProps, ServiceEntryProps } from './constructs/policies/service-entry';
export type { ServiceEntryLocation, ServiceEntryProtocol, ServiceEntryResolution, ServiceEntrySpec } from './model/traffic/service-entry';
export { EgressRoute } from './constructs/gateways/egress-route';
export type { EgressRouteProps } from './constructs/gateways/egress-route';
export { declareExternalHosts } from './constructs/external-hosts';
export { EXTERNAL_HOSTS_ANNOTATION } from './model/external-hosts';
