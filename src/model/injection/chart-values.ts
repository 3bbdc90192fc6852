/** The chart's default values as the injection templates read them (`.Values`), Istio 1.30.3. */

/** Image coordinates used when the caller asks for a pinned release (the default). */
export const PINNED_HUB = 'docker.io/istio';
export const PINNED_TAG = '1.30.3';

/**
 * The istio-discovery chart defaults, scoped to what the injector sees: `global`, `sidecarInjectorWebhook`,
 * `revision`, the chart's `cni`/`env` under `pilot`, and `gateways.securityContext/seccompProfile`.
 * The hub and tag are the chart's unpinned ones; `buildInjectionSettings` pins them unless asked not to.
 */
export function chartValueDefaults(): Record<string, unknown> {
  return {
    gateways: {
      seccompProfile: {},
      securityContext: {},
    },
    global: {
      caAddress: '',
      caName: '',
      certSigners: [],
      configCluster: false,
      configValidation: true,
      defaultPodDisruptionBudget: {
        enabled: true,
      },
      defaultResources: {
        requests: {
          cpu: '10m',
        },
      },
      externalIstiod: false,
      hub: 'registry.istio.io/testing',
      imagePullPolicy: '',
      imagePullSecrets: [],
      istioNamespace: 'istio-system',
      istiod: {
        enableAnalysis: false,
      },
      logAsJson: false,
      logging: {
        level: 'default:info',
      },
      meshID: '',
      meshNetworks: {},
      mountMtlsCerts: false,
      multiCluster: {
        clusterName: '',
      },
      nativeNftables: false,
      network: '',
      networkPolicy: {
        enabled: false,
      },
      omitSidecarInjectorConfigMap: false,
      operatorManageWebhooks: false,
      pilotCertProvider: 'istiod',
      priorityClassName: '',
      proxy: {
        autoInject: 'enabled',
        clusterDomain: 'cluster.local',
        componentLogLevel: 'misc:error',
        excludeIPRanges: '',
        excludeInboundPorts: '',
        excludeOutboundPorts: '',
        image: 'proxyv2',
        includeIPRanges: '*',
        includeInboundPorts: '*',
        includeOutboundPorts: '',
        logLevel: 'warning',
        outlierLogPath: '',
        privileged: false,
        readinessFailureThreshold: 4,
        readinessInitialDelaySeconds: 0,
        readinessPeriodSeconds: 15,
        resources: {
          limits: {
            cpu: '2000m',
            memory: '1024Mi',
          },
          requests: {
            cpu: '100m',
            memory: '128Mi',
          },
        },
        seccompProfile: {},
        startupProbe: {
          enabled: true,
          failureThreshold: 600,
        },
        statusPort: 15020,
        tracer: 'none',
      },
      proxy_init: {
        forceApplyIptables: false,
        image: 'proxyv2',
      },
      remotePilotAddress: '',
      resourceScope: 'all',
      sds: {
        token: {
          aud: 'istio-ca',
        },
      },
      sts: {
        servicePort: 0,
      },
      tag: 'latest',
      variant: '',
      waypoint: {
        affinity: {},
        nodeSelector: {},
        resources: {
          limits: {
            cpu: '2',
            memory: '1Gi',
          },
          requests: {
            cpu: '100m',
            memory: '128Mi',
          },
        },
        tolerations: [],
        topologySpreadConstraints: [],
      },
    },
    pilot: {
      cni: {
        enabled: false,
        provider: 'default',
      },
      env: {},
    },
    revision: '',
    sidecarInjectorWebhook: {
      alwaysInjectSelector: [],
      defaultTemplates: [],
      enableNamespacesByDefault: false,
      injectedAnnotations: {},
      neverInjectSelector: [],
      reinvocationPolicy: 'Never',
      rewriteAppHTTPProbe: true,
      templates: {},
    },
  };
}
