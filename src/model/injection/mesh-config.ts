/** MeshConfig defaults (JSON field names) as the injector of Istio 1.30.3 sees them in a default install. */

/** The built-in ProxyConfig defaults; PROXY_CONFIG leaves out fields equal to these. */
export function proxyConfigDefaults(): Record<string, unknown> {
  return {
    configPath: './etc/istio/proxy',
    binaryPath: '/usr/local/bin/envoy',
    serviceCluster: 'istio-proxy',
    drainDuration: '45s',
    terminationDrainDuration: '5s',
    proxyAdminPort: 15000,
    controlPlaneAuthPolicy: 'MUTUAL_TLS',
    discoveryAddress: 'istiod.istio-system.svc:15012',
    statNameLength: 189,
    statusPort: 15020,
  };
}

/** The mesh config of a default install: the built-in defaults with the chart's rendered mesh config on top. */
export function meshConfigDefaults(): Record<string, unknown> {
  return {
    enableTracing: true,
    accessLogFile: '',
    accessLogEncoding: 'TEXT',
    ingressService: 'istio-ingressgateway',
    ingressControllerMode: 'STRICT',
    ingressClass: 'istio',
    trustDomain: 'cluster.local',
    trustDomainAliases: [],
    enableAutoMtls: true,
    outboundTrafficPolicy: { mode: 'ALLOW_ANY' },
    inboundTrafficPolicy: { mode: 'PASSTHROUGH' },
    localityLbSetting: { enabled: true },
    dnsRefreshRate: '60s',
    enablePrometheusMerge: true,
    rootNamespace: 'istio-system',
    proxyListenPort: 15001,
    proxyInboundListenPort: 15006,
    connectTimeout: '10s',
    defaultServiceExportTo: ['*'],
    defaultVirtualServiceExportTo: ['*'],
    defaultDestinationRuleExportTo: ['*'],
    defaultProviders: { metrics: ['prometheus'] },
    extensionProviders: [
      { name: 'prometheus', prometheus: {} },
      { name: 'stackdriver', stackdriver: {} },
      { name: 'envoy', envoyFileAccessLog: { path: '/dev/stdout' } },
    ],
    defaultConfig: proxyConfigDefaults(),
  };
}
