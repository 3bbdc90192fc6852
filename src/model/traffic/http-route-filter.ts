import { UserError } from '../../errors';
import type { BackendRefSpec, HeaderModifierSpec, HttpRouteFilterSpec, PathModifierSpec } from './gateway-api';

/** How a Gateway API filter rewrites the path: the whole path, or the part a PathPrefix match matched. */
export class PathModifier {
  public static fullPath(path: string): PathModifier {
    return new PathModifier({ type: 'ReplaceFullPath', replaceFullPath: absolute(path) });
  }

  /** Replaces the matched prefix; the rule must match with a path prefix (StringMatch.prefix). */
  public static prefix(prefix: string): PathModifier {
    return new PathModifier({ type: 'ReplacePrefixMatch', replacePrefixMatch: absolute(prefix) });
  }

  private constructor(private readonly spec: PathModifierSpec) {}

  public get type(): PathModifierSpec['type'] {
    return this.spec.type;
  }

  public toSpec(): PathModifierSpec {
    return { ...this.spec };
  }
}

function absolute(path: string): string {
  if (!path.startsWith('/')) throw new UserError(`path '${path}' is not absolute: start it with '/', e.g. '/${path}'`);
  return path;
}

export interface HeaderChanges {
  /** Headers set, replacing any value. @default - none */
  readonly set?: Record<string, string>;
  /** Headers added next to existing values. @default - none */
  readonly add?: Record<string, string>;
  /** Header names removed. @default - none */
  readonly remove?: readonly string[];
}

export interface RedirectOptions {
  /** @default - the request's scheme */
  readonly scheme?: 'http' | 'https';
  /** @default - the request's host */
  readonly hostname?: string;
  /** @default - the request's path */
  readonly path?: PathModifier;
  /** @default - the scheme's well-known port */
  readonly port?: number;
  /** @default 302 */
  readonly statusCode?: 301 | 302 | 303 | 307 | 308;
}

/** A Service that mirrored requests are copied to. */
export interface MirrorBackend {
  readonly name: string;
  /** @default - the route's namespace */
  readonly namespace?: string;
  readonly port: number;
}

/** A Gateway API HTTPRoute filter: header changes, redirects, rewrites and mirroring. */
export class HttpRouteFilter {
  public static requestHeaders(changes: HeaderChanges): HttpRouteFilter {
    return new HttpRouteFilter({ type: 'RequestHeaderModifier', requestHeaderModifier: headerSpec(changes) });
  }

  public static responseHeaders(changes: HeaderChanges): HttpRouteFilter {
    return new HttpRouteFilter({ type: 'ResponseHeaderModifier', responseHeaderModifier: headerSpec(changes) });
  }

  /** Answers with a redirect instead of forwarding (a rule with a redirect has no backends). */
  public static redirect(options: RedirectOptions): HttpRouteFilter {
    const { path, ...rest } = options;
    return new HttpRouteFilter({ type: 'RequestRedirect', requestRedirect: { ...rest, ...(path ? { path: path.toSpec() } : {}) } });
  }

  /** Rewrites the host or path before forwarding. */
  public static rewrite(options: { readonly hostname?: string; readonly path?: PathModifier }): HttpRouteFilter {
    if (!options.hostname && !options.path) throw new UserError('rewrite() changes nothing: give a hostname, a path, or both');
    return new HttpRouteFilter({
      type: 'URLRewrite',
      urlRewrite: { ...(options.hostname ? { hostname: options.hostname } : {}), ...(options.path ? { path: options.path.toSpec() } : {}) },
    });
  }

  /** Copies requests, fire and forget, to another Service; `percent` of them (0-100). */
  public static mirror(backend: MirrorBackend, options: { readonly percent?: number } = {}): HttpRouteFilter {
    const backendRef: BackendRefSpec = {
      name: backend.name,
      ...(backend.namespace ? { namespace: backend.namespace } : {}),
      port: backend.port,
    };
    return new HttpRouteFilter({
      type: 'RequestMirror',
      requestMirror: { backendRef, ...(options.percent !== undefined ? { percent: options.percent } : {}) },
    });
  }

  private constructor(private readonly spec: HttpRouteFilterSpec) {}

  public get type(): HttpRouteFilterSpec['type'] {
    return this.spec.type;
  }

  public toSpec(): HttpRouteFilterSpec {
    return JSON.parse(JSON.stringify(this.spec));
  }
}

function headerSpec(c: HeaderChanges): HeaderModifierSpec {
  const list = (m?: Record<string, string>) => Object.entries(m ?? {}).map(([name, value]) => ({ name, value }));
  const spec = {
    ...(c.set && Object.keys(c.set).length ? { set: list(c.set) } : {}),
    ...(c.add && Object.keys(c.add).length ? { add: list(c.add) } : {}),
    ...(c.remove?.length ? { remove: [...c.remove] } : {}),
  };
  if (Object.keys(spec).length === 0) throw new UserError('header filter changes nothing: give headers to set, add or remove');
  return spec;
}
