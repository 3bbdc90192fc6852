/**
 * Field lists of the protobuf messages templates reach through `.ProxyConfig` and `.MeshConfig`
 * (proto-types.ts reads them): facts of istio.io/api (mesh.v1alpha1, networking.v1alpha3 and v1beta1) at the
 * version Istio 1.30.3 builds with. Messages of mesh.v1alpha1 are named as in Go; the others carry their package.
 *
 * Notation, per message: fields separated by `;` in declaration order, each `proto_name Type`, or
 * `proto_name/GoName Type` where protoc-gen-go's Go name is not the proto name in camel case. Types: scalars,
 * `enum:Name`, `Duration`, `BoolValue` and the other wrappers, `any` (google.protobuf.Struct), `*Message`,
 * `[]T`, `map[string]T`, and `oneof(variant Type, …)` for a oneof named by the field.
 */
export const MESH_MESSAGES: Record<string, string> = {
  Tracing_Zipkin: 'address string',
  Tracing_Lightstep: 'address string; access_token string',
  Tracing_Datadog: 'address string',
  Tracing_Stackdriver:
    'debug bool; max_number_of_attributes Int64Value; max_number_of_annotations Int64Value; max_number_of_message_events Int64Value',
  Tracing_OpenCensusAgent: 'address string; context []enum:Tracing_OpenCensusAgent_TraceContext',
  Tracing_Literal: 'value string',
  Tracing_Environment: 'name string; default_value string',
  Tracing_RequestHeader: 'name string; default_value string',
  Tracing_CustomTag: 'type oneof(literal *Tracing_Literal, environment *Tracing_Environment, header *Tracing_RequestHeader)',
  'v1alpha3.ClientTLSSettings':
    'mode enum:v1alpha3.ClientTLSSettings_TLSmode; client_certificate string; private_key string; ca_certificates string; credential_name string; subject_alt_names []string; sni string; insecure_skip_verify BoolValue; ca_crl string',
  Tracing:
    'tracer oneof(zipkin *Tracing_Zipkin, lightstep *Tracing_Lightstep, datadog *Tracing_Datadog, stackdriver *Tracing_Stackdriver, open_census_agent *Tracing_OpenCensusAgent); custom_tags map[string]*Tracing_CustomTag; max_path_tag_length uint32; sampling float64; tls_settings *v1alpha3.ClientTLSSettings; enable_istio_tags BoolValue',
  SDS: 'enabled bool; k8s_sa_jwt_path/K8SSaJwtPath string',
  'v1alpha3.ConnectionPoolSettings_TCPSettings_TcpKeepalive': 'probes uint32; time Duration; interval Duration',
  RemoteService:
    'address string; tls_settings *v1alpha3.ClientTLSSettings; tcp_keepalive *v1alpha3.ConnectionPoolSettings_TCPSettings_TcpKeepalive',
  Topology_ProxyProtocolConfiguration: '',
  Topology:
    'num_trusted_proxies uint32; forward_client_cert_details enum:ForwardClientCertDetails; proxy_protocol *Topology_ProxyProtocolConfiguration',
  'v1alpha3.HTTPHeader': 'name string; value string',
  'v1alpha3.HTTPHealthCheckConfig': 'path string; port uint32; host string; scheme string; http_headers []*v1alpha3.HTTPHeader',
  'v1alpha3.TCPHealthCheckConfig': 'host string; port uint32',
  'v1alpha3.ExecHealthCheckConfig': 'command []string',
  'v1alpha3.GrpcHealthCheckConfig': 'port uint32; service string',
  'v1alpha3.ReadinessProbe':
    'initial_delay_seconds int32; timeout_seconds int32; period_seconds int32; success_threshold int32; failure_threshold int32; health_check_method oneof(http_get *v1alpha3.HTTPHealthCheckConfig, tcp_socket *v1alpha3.TCPHealthCheckConfig, exec *v1alpha3.ExecHealthCheckConfig, grpc *v1alpha3.GrpcHealthCheckConfig)',
  ProxyConfig_ProxyStatsMatcher: 'inclusion_prefixes []string; inclusion_suffixes []string; inclusion_regexps []string',
  'v1beta1.ProxyImage': 'image_type string',
  PrivateKeyProvider_CryptoMb: 'poll_delay Duration; fallback BoolValue',
  PrivateKeyProvider_QAT: 'poll_delay Duration; fallback BoolValue',
  PrivateKeyProvider: 'provider oneof(cryptomb *PrivateKeyProvider_CryptoMb, qat *PrivateKeyProvider_QAT)',
  ProxyConfig_ProxyHeaders_SetCurrentClientCertDetails: 'subject BoolValue; cert BoolValue; chain BoolValue; dns BoolValue; uri BoolValue',
  ProxyConfig_ProxyHeaders_RequestId: 'disabled BoolValue',
  ProxyConfig_ProxyHeaders_Server: 'disabled BoolValue; value string',
  ProxyConfig_ProxyHeaders_AttemptCount: 'disabled BoolValue',
  ProxyConfig_ProxyHeaders_EnvoyDebugHeaders: 'disabled BoolValue',
  ProxyConfig_ProxyHeaders_MetadataExchangeHeaders: 'mode enum:ProxyConfig_ProxyHeaders_MetadataExchangeMode',
  ProxyConfig_ProxyHeaders_XForwardedHost: 'enabled BoolValue',
  ProxyConfig_ProxyHeaders_XForwardedPort: 'enabled BoolValue',
  ProxyConfig_ProxyHeaders:
    'forwarded_client_cert enum:ForwardClientCertDetails; set_current_client_cert_details *ProxyConfig_ProxyHeaders_SetCurrentClientCertDetails; request_id *ProxyConfig_ProxyHeaders_RequestId; server *ProxyConfig_ProxyHeaders_Server; attempt_count *ProxyConfig_ProxyHeaders_AttemptCount; envoy_debug_headers *ProxyConfig_ProxyHeaders_EnvoyDebugHeaders; metadata_exchange_headers *ProxyConfig_ProxyHeaders_MetadataExchangeHeaders; preserve_http1_header_case BoolValue; x_forwarded_host *ProxyConfig_ProxyHeaders_XForwardedHost; x_forwarded_port *ProxyConfig_ProxyHeaders_XForwardedPort',
  ProxyConfig:
    'config_path string; binary_path string; cluster_name oneof(service_cluster string, tracing_service_name enum:ProxyConfig_TracingServiceName); drain_duration Duration; discovery_address string; discovery_refresh_delay Duration; zipkin_address string; statsd_udp_address string; envoy_metrics_service_address string; proxy_admin_port int32; availability_zone string; control_plane_auth_policy enum:AuthenticationPolicy; custom_config_file string; stat_name_length int32; concurrency Int32Value; proxy_bootstrap_template_path string; interception_mode enum:ProxyConfig_InboundInterceptionMode; tracing *Tracing; sds *SDS; envoy_access_log_service *RemoteService; envoy_metrics_service *RemoteService; proxy_metadata map[string]string; runtime_values map[string]string; status_port int32; extra_stat_tags []string; gateway_topology *Topology; termination_drain_duration Duration; mesh_id string; readiness_probe *v1alpha3.ReadinessProbe; proxy_stats_matcher *ProxyConfig_ProxyStatsMatcher; hold_application_until_proxy_starts BoolValue; ca_certificates_pem []string; image *v1beta1.ProxyImage; private_key_provider *PrivateKeyProvider; proxy_headers *ProxyConfig_ProxyHeaders; file_flush_interval Duration; file_flush_min_size_kb uint32; stats_compression BoolValue',
  MeshConfig_OutboundTrafficPolicy: 'mode enum:MeshConfig_OutboundTrafficPolicy_Mode; tls *v1alpha3.ClientTLSSettings',
  MeshConfig_InboundTrafficPolicy: 'mode enum:MeshConfig_InboundTrafficPolicy_Mode',
  ConfigSource: 'address string; tls_settings *v1alpha3.ClientTLSSettings; subscribed_resources []enum:Resource',
  MeshConfig_CertificateData: 'certificate_data oneof(pem string, spiffe_bundle_url string); cert_signers []string; trust_domains []string',
  'v1alpha3.LocalityLoadBalancerSetting_Distribute': 'from string; to map[string]uint32',
  'v1alpha3.LocalityLoadBalancerSetting_Failover': 'from string; to string',
  'v1alpha3.LocalityLoadBalancerSetting':
    'distribute []*v1alpha3.LocalityLoadBalancerSetting_Distribute; failover []*v1alpha3.LocalityLoadBalancerSetting_Failover; failover_priority []string; enabled BoolValue',
  Certificate: 'secret_name string; dns_names []string',
  MeshConfig_ServiceSettings_Settings: 'cluster_local bool',
  MeshConfig_ServiceSettings: 'settings *MeshConfig_ServiceSettings_Settings; hosts []string',
  LabelSelectorRequirement: 'key string; operator string; values []string',
  LabelSelector: 'matchLabels map[string]string; matchExpressions []*LabelSelectorRequirement',
  MeshConfig_ServiceScopeConfigs:
    'namespace_selector *LabelSelector; services_selector *LabelSelector; scope enum:MeshConfig_ServiceScopeConfigs_Scope',
  MeshConfig_CA: 'address string; tls_settings *v1alpha3.ClientTLSSettings; request_timeout Duration; istiod_side bool',
  MeshConfig_ExtensionProvider_EnvoyExternalAuthorizationRequestBody:
    'max_request_bytes uint32; allow_partial_message bool; pack_as_bytes bool',
  MeshConfig_ExtensionProvider_EnvoyExternalAuthorizationHttpProvider:
    'service string; port uint32; timeout Duration; path_prefix string; fail_open bool; clear_route_cache bool; status_on_error string; include_headers_in_check []string; include_request_headers_in_check []string; include_additional_headers_in_check map[string]string; include_request_body_in_check *MeshConfig_ExtensionProvider_EnvoyExternalAuthorizationRequestBody; headers_to_upstream_on_allow []string; headers_to_downstream_on_deny []string; headers_to_downstream_on_allow []string',
  MeshConfig_ExtensionProvider_EnvoyExternalAuthorizationGrpcProvider:
    'service string; port uint32; timeout Duration; fail_open bool; clear_route_cache bool; status_on_error string; include_request_body_in_check *MeshConfig_ExtensionProvider_EnvoyExternalAuthorizationRequestBody',
  MeshConfig_ExtensionProvider_HttpHeader: 'name string; header_value oneof(value string, env_name string)',
  MeshConfig_ExtensionProvider_ZipkinTracingProvider:
    'service string; port uint32; max_tag_length uint32; enable_64bit_trace_id/Enable_64BitTraceId bool; path string; trace_context_option enum:MeshConfig_ExtensionProvider_ZipkinTracingProvider_TraceContextOption; timeout Duration; headers []*MeshConfig_ExtensionProvider_HttpHeader',
  MeshConfig_ExtensionProvider_LightstepTracingProvider: 'service string; port uint32; access_token string; max_tag_length uint32',
  MeshConfig_ExtensionProvider_DatadogTracingProvider: 'service string; port uint32; max_tag_length uint32',
  MeshConfig_ExtensionProvider_StackdriverProvider_Logging: 'labels map[string]string',
  MeshConfig_ExtensionProvider_StackdriverProvider:
    'debug bool; max_number_of_attributes Int64Value; max_number_of_annotations Int64Value; max_number_of_message_events Int64Value; max_tag_length uint32; logging *MeshConfig_ExtensionProvider_StackdriverProvider_Logging',
  MeshConfig_ExtensionProvider_OpenCensusAgentTracingProvider:
    'service string; port uint32; context []enum:MeshConfig_ExtensionProvider_OpenCensusAgentTracingProvider_TraceContext; max_tag_length uint32',
  MeshConfig_ExtensionProvider_SkyWalkingTracingProvider: 'service string; port uint32; access_token string',
  MeshConfig_ExtensionProvider_HttpService: 'path string; timeout Duration; headers []*MeshConfig_ExtensionProvider_HttpHeader',
  MeshConfig_ExtensionProvider_GrpcService: 'timeout Duration; initial_metadata []*MeshConfig_ExtensionProvider_HttpHeader',
  MeshConfig_ExtensionProvider_ResourceDetectors_EnvironmentResourceDetector: '',
  MeshConfig_ExtensionProvider_ResourceDetectors_DynatraceResourceDetector: '',
  MeshConfig_ExtensionProvider_ResourceDetectors:
    'environment *MeshConfig_ExtensionProvider_ResourceDetectors_EnvironmentResourceDetector; dynatrace *MeshConfig_ExtensionProvider_ResourceDetectors_DynatraceResourceDetector',
  MeshConfig_ExtensionProvider_OpenTelemetryTracingProvider_DynatraceSampler_DynatraceApi:
    'service string; port uint32; http *MeshConfig_ExtensionProvider_HttpService',
  MeshConfig_ExtensionProvider_OpenTelemetryTracingProvider_DynatraceSampler:
    'tenant string; cluster_id int32; root_spans_per_minute uint32; http_service *MeshConfig_ExtensionProvider_OpenTelemetryTracingProvider_DynatraceSampler_DynatraceApi',
  MeshConfig_ExtensionProvider_OpenTelemetryTracingProvider:
    'service string; port uint32; max_tag_length uint32; http *MeshConfig_ExtensionProvider_HttpService; grpc *MeshConfig_ExtensionProvider_GrpcService; resource_detectors *MeshConfig_ExtensionProvider_ResourceDetectors; service_attribute_enrichment enum:MeshConfig_ExtensionProvider_ServiceAttributeEnrichment; sampling oneof(dynatrace_sampler *MeshConfig_ExtensionProvider_OpenTelemetryTracingProvider_DynatraceSampler)',
  MeshConfig_ExtensionProvider_PrometheusMetricsProvider: '',
  MeshConfig_ExtensionProvider_EnvoyFileAccessLogProvider_LogFormat: 'log_format oneof(text string, labels any)',
  MeshConfig_ExtensionProvider_EnvoyFileAccessLogProvider:
    'path string; log_format *MeshConfig_ExtensionProvider_EnvoyFileAccessLogProvider_LogFormat; omit_empty_values bool',
  MeshConfig_ExtensionProvider_EnvoyHttpGrpcV3LogProvider:
    'service string; port uint32; log_name string; filter_state_objects_to_log []string; additional_request_headers_to_log []string; additional_response_headers_to_log []string; additional_response_trailers_to_log []string',
  MeshConfig_ExtensionProvider_EnvoyTcpGrpcV3LogProvider:
    'service string; port uint32; log_name string; filter_state_objects_to_log []string',
  MeshConfig_ExtensionProvider_EnvoyOpenTelemetryLogProvider_LogFormat: 'text string; labels any',
  MeshConfig_ExtensionProvider_EnvoyOpenTelemetryLogProvider:
    'service string; port uint32; log_name string; log_format *MeshConfig_ExtensionProvider_EnvoyOpenTelemetryLogProvider_LogFormat',
  MeshConfig_ExtensionProvider_SDSProvider: 'name string; service string; port uint32',
  MeshConfig_ExtensionProvider:
    'name string; provider oneof(envoy_ext_authz_http *MeshConfig_ExtensionProvider_EnvoyExternalAuthorizationHttpProvider, envoy_ext_authz_grpc *MeshConfig_ExtensionProvider_EnvoyExternalAuthorizationGrpcProvider, zipkin *MeshConfig_ExtensionProvider_ZipkinTracingProvider, lightstep *MeshConfig_ExtensionProvider_LightstepTracingProvider, datadog *MeshConfig_ExtensionProvider_DatadogTracingProvider, stackdriver *MeshConfig_ExtensionProvider_StackdriverProvider, opencensus *MeshConfig_ExtensionProvider_OpenCensusAgentTracingProvider, skywalking *MeshConfig_ExtensionProvider_SkyWalkingTracingProvider, opentelemetry *MeshConfig_ExtensionProvider_OpenTelemetryTracingProvider, prometheus *MeshConfig_ExtensionProvider_PrometheusMetricsProvider, envoy_file_access_log *MeshConfig_ExtensionProvider_EnvoyFileAccessLogProvider, envoy_http_als *MeshConfig_ExtensionProvider_EnvoyHttpGrpcV3LogProvider, envoy_tcp_als *MeshConfig_ExtensionProvider_EnvoyTcpGrpcV3LogProvider, envoy_otel_als *MeshConfig_ExtensionProvider_EnvoyOpenTelemetryLogProvider, sds *MeshConfig_ExtensionProvider_SDSProvider)',
  MeshConfig_DefaultProviders: 'tracing []string; metrics []string; access_logging []string',
  MeshConfig_ProxyPathNormalization: 'normalization enum:MeshConfig_ProxyPathNormalization_NormalizationType',
  'v1alpha3.HTTPRetry':
    'attempts int32; per_try_timeout Duration; retry_on string; retry_remote_localities BoolValue; retry_ignore_previous_hosts BoolValue; backoff Duration',
  MeshConfig_TLSConfig: 'min_protocol_version enum:MeshConfig_TLSConfig_TLSProtocol; ecdh_curves []string; cipher_suites []string',
  MeshConfig:
    'proxy_listen_port int32; proxy_inbound_listen_port int32; proxy_http_port int32; connect_timeout Duration; hbone_idle_timeout Duration; protocol_detection_timeout Duration; tcp_keepalive *v1alpha3.ConnectionPoolSettings_TCPSettings_TcpKeepalive; ingress_class string; ingress_service string; ingress_controller_mode enum:MeshConfig_IngressControllerMode; ingress_selector string; enable_tracing bool; access_log_file string; access_log_format string; access_log_encoding enum:MeshConfig_AccessLogEncoding; enable_envoy_access_log_service bool; disable_envoy_listener_log bool; default_config *ProxyConfig; outbound_traffic_policy *MeshConfig_OutboundTrafficPolicy; inbound_traffic_policy *MeshConfig_InboundTrafficPolicy; config_sources []*ConfigSource; enable_auto_mtls BoolValue; trust_domain string; trust_domain_aliases []string; ca_certificates []*MeshConfig_CertificateData; default_service_export_to []string; default_virtual_service_export_to []string; default_destination_rule_export_to []string; root_namespace string; locality_lb_setting *v1alpha3.LocalityLoadBalancerSetting; dns_refresh_rate Duration; h2_upgrade_policy enum:MeshConfig_H2UpgradePolicy; inbound_cluster_stat_name string; outbound_cluster_stat_name string; certificates []*Certificate; service_settings []*MeshConfig_ServiceSettings; service_scope_configs []*MeshConfig_ServiceScopeConfigs; enable_prometheus_merge BoolValue; verify_certificate_at_client BoolValue; ca *MeshConfig_CA; extension_providers []*MeshConfig_ExtensionProvider; default_providers *MeshConfig_DefaultProviders; discovery_selectors []*LabelSelector; path_normalization *MeshConfig_ProxyPathNormalization; default_http_retry_policy *v1alpha3.HTTPRetry; mesh_mTLS *MeshConfig_TLSConfig; tls_defaults *MeshConfig_TLSConfig',
};

/** Enum value names, numbered from 0 unless a name says `=number`. */
export const MESH_ENUMS: Record<string, string> = {
  AuthenticationPolicy: 'NONE=0 MUTUAL_TLS=1 INHERIT=1000',
  ForwardClientCertDetails: 'UNDEFINED SANITIZE FORWARD_ONLY APPEND_FORWARD SANITIZE_SET ALWAYS_FORWARD_ONLY',
  MeshConfig_AccessLogEncoding: 'TEXT JSON',
  MeshConfig_ExtensionProvider_OpenCensusAgentTracingProvider_TraceContext: 'UNSPECIFIED W3C_TRACE_CONTEXT GRPC_BIN CLOUD_TRACE_CONTEXT B3',
  MeshConfig_ExtensionProvider_ServiceAttributeEnrichment: 'ISTIO_CANONICAL OTEL_SEMANTIC_CONVENTIONS',
  MeshConfig_ExtensionProvider_ZipkinTracingProvider_TraceContextOption: 'USE_B3 USE_B3_WITH_W3C_PROPAGATION',
  MeshConfig_H2UpgradePolicy: 'DO_NOT_UPGRADE UPGRADE',
  MeshConfig_InboundTrafficPolicy_Mode: 'PASSTHROUGH LOCALHOST',
  MeshConfig_IngressControllerMode: 'UNSPECIFIED OFF DEFAULT STRICT',
  MeshConfig_OutboundTrafficPolicy_Mode: 'REGISTRY_ONLY=0 ALLOW_ANY=1 ALLOW_ANY_DYNAMIC_DNS=3',
  MeshConfig_ProxyPathNormalization_NormalizationType: 'DEFAULT NONE BASE MERGE_SLASHES DECODE_AND_MERGE_SLASHES',
  MeshConfig_ServiceScopeConfigs_Scope: 'LOCAL GLOBAL',
  MeshConfig_TLSConfig_TLSProtocol: 'TLS_AUTO TLSV1_2 TLSV1_3',
  ProxyConfig_InboundInterceptionMode: 'REDIRECT TPROXY NONE',
  ProxyConfig_ProxyHeaders_MetadataExchangeMode: 'UNDEFINED IN_MESH',
  ProxyConfig_TracingServiceName: 'APP_LABEL_AND_NAMESPACE CANONICAL_NAME_ONLY CANONICAL_NAME_AND_NAMESPACE',
  Resource: 'SERVICE_REGISTRY',
  Tracing_OpenCensusAgent_TraceContext: 'UNSPECIFIED W3C_TRACE_CONTEXT GRPC_BIN CLOUD_TRACE_CONTEXT B3',
  'v1alpha3.ClientTLSSettings_TLSmode': 'DISABLE SIMPLE MUTUAL ISTIO_MUTUAL',
};
