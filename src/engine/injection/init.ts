/** The init container that sets up traffic redirection (istio-init), or checks it under CNI (istio-validation). */
import {
  annotationOr,
  hasAnnotation,
  proxyMetadataEnv,
  type TemplateInput,
  templateInterceptionMode,
  value,
  valueString,
  valueTruthy,
} from './context';
import { proxyResources } from './resources';
import { goString, type Tree } from './tree';

/** excludeInboundPort: the status port added to the excluded inbound ports, unless 0 or already there. */
export function excludeInboundPorts(statusPort: string, excluded: string): string {
  const port = statusPort.trim();
  if (port === '' || port === '0') return excluded;
  const out: string[] = [];
  for (const p of excluded.split(',')) {
    if (p === port) return excluded;
    if (p.trim() !== '') out.push(p.trim());
  }
  out.push(port);
  return out.join(',');
}

export function statusPortOf(input: TemplateInput): string {
  return annotationOr(input, 'status.sidecar.istio.io/port', value(input, 'global.proxy.statusPort'));
}

export function excludedInbound(input: TemplateInput): string {
  return excludeInboundPorts(
    statusPortOf(input),
    annotationOr(input, 'traffic.sidecar.istio.io/excludeInboundPorts', value(input, 'global.proxy.excludeInboundPorts')),
  );
}

/** Whether outbound port include/exclude arguments apply: an annotation, or a non-empty value. */
export function outboundPortsSet(input: TemplateInput, annotation: string, valuePath: string): boolean {
  return hasAnnotation(input, annotation) || valueString(input, valuePath) !== '';
}

/** The image of istio-init / istio-proxy: a full reference in the annotation or values wins over the computed one. */
export function imageFor(input: TemplateInput, valuePath: string): string {
  const configured = annotationOr(input, 'sidecar.istio.io/proxyImage', value(input, valuePath));
  return configured.includes('/') ? configured : input.proxyImage;
}

export function initContainer(input: TemplateInput, tproxy: boolean): Tree {
  const cni = valueTruthy(input, 'pilot.cni.enabled');
  const mode = templateInterceptionMode(input);
  const excluded = excludedInbound(input);
  const args = [
    'istio-iptables',
    '-p',
    goString(input.mesh.proxyListenPort || '15001'),
    '-z',
    goString(input.mesh.proxyInboundListenPort || '15006'),
    '-u',
    tproxy ? '1337' : String(input.proxyUid || 1337),
    '-m',
    mode,
    '-i',
    annotationOr(input, 'traffic.sidecar.istio.io/includeOutboundIPRanges', value(input, 'global.proxy.includeIPRanges')),
    '-x',
    annotationOr(input, 'traffic.sidecar.istio.io/excludeOutboundIPRanges', value(input, 'global.proxy.excludeIPRanges')),
    '-b',
    annotationOr(input, 'traffic.sidecar.istio.io/includeInboundPorts', value(input, 'global.proxy.includeInboundPorts')),
    '-d',
    excluded !== '' ? `15090,15021,${excluded}` : '15090,15021',
  ];
  if (outboundPortsSet(input, 'traffic.sidecar.istio.io/includeOutboundPorts', 'global.proxy.includeOutboundPorts')) {
    args.push(
      '-q',
      annotationOr(input, 'traffic.sidecar.istio.io/includeOutboundPorts', value(input, 'global.proxy.includeOutboundPorts')),
    );
  }
  if (outboundPortsSet(input, 'traffic.sidecar.istio.io/excludeOutboundPorts', 'global.proxy.excludeOutboundPorts')) {
    args.push(
      '-o',
      annotationOr(input, 'traffic.sidecar.istio.io/excludeOutboundPorts', value(input, 'global.proxy.excludeOutboundPorts')),
    );
  }
  if (hasAnnotation(input, 'istio.io/reroute-virtual-interfaces'))
    args.push('-k', input.annotations['istio.io/reroute-virtual-interfaces']);
  else if (hasAnnotation(input, 'traffic.sidecar.istio.io/kubevirtInterfaces'))
    args.push('-k', input.annotations['traffic.sidecar.istio.io/kubevirtInterfaces']);
  if (hasAnnotation(input, 'traffic.sidecar.istio.io/excludeInterfaces'))
    args.push('-c', input.annotations['traffic.sidecar.istio.io/excludeInterfaces']);
  args.push(`--log_output_level=${annotationOr(input, 'sidecar.istio.io/agentLogLevel', value(input, 'global.logging.level'))}`);
  if (valueTruthy(input, 'global.logAsJson')) args.push('--log_as_json');
  if (cni) args.push('--run-validation', '--skip-rule-apply');
  else if (valueTruthy(input, 'global.proxy_init.forceApplyIptables')) args.push('--force-apply');
  if (valueTruthy(input, 'global.nativeNftables')) args.push('--native-nftables');

  const container: Tree = { name: cni ? 'istio-validation' : 'istio-init', image: imageFor(input, 'global.proxy_init.image'), args };
  const pullPolicy = value(input, 'global.imagePullPolicy');
  if (pullPolicy) container.imagePullPolicy = goString(pullPolicy);
  const env = proxyMetadataEnv(input);
  if (env.length > 0) container.env = env;
  const resources = proxyResources(input);
  if (resources) container.resources = resources;
  container.securityContext = initSecurityContext(input, cni, tproxy);
  return container;
}

function initSecurityContext(input: TemplateInput, cni: boolean, tproxy: boolean): Tree {
  const privileged = value(input, 'global.proxy.privileged');
  const ctx: Tree = {
    allowPrivilegeEscalation: privileged,
    privileged,
    capabilities: cni ? { drop: ['ALL'] } : { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
  };
  if (cni) {
    Object.assign(ctx, {
      readOnlyRootFilesystem: true,
      runAsGroup: tproxy ? 1337 : input.proxyGid || 1337,
      runAsUser: tproxy ? 1337 : input.proxyUid || 1337,
      runAsNonRoot: true,
    });
  } else {
    Object.assign(ctx, { readOnlyRootFilesystem: false, runAsGroup: 0, runAsNonRoot: false, runAsUser: 0 });
  }
  const seccomp = value(input, 'global.proxy.seccompProfile');
  if (valueTruthy(input, 'global.proxy.seccompProfile')) ctx.seccompProfile = seccomp;
  return ctx;
}
