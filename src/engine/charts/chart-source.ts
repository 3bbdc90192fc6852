import * as path from 'path';
import { UserError } from '../../errors';
import { cacheRoot } from './cache-dir';
import { redactUrl } from './redact-url';

/** The Istio charts this package renders, by their published names (`cni` is the `istio-cni` folder). */
export type IstioChartName = 'base' | 'istiod' | 'cni' | 'ztunnel' | 'gateway';

/** The official Istio Helm repository. */
export const OFFICIAL_REPOSITORY_URL = 'https://istio-release.storage.googleapis.com/charts';

/** Where each chart sits inside a release's `manifests/charts` folder. */
export const LOCAL_CHART_PATHS: Readonly<Record<IstioChartName, string>> = {
  base: 'base',
  istiod: path.join('istio-control', 'istio-discovery'),
  cni: 'istio-cni',
  ztunnel: 'ztunnel',
  gateway: 'gateway',
};

/** A source, as plain data (what the engine switches on). */
export type ChartSourceSpec =
  | { readonly kind: 'localDir'; readonly dir: string }
  | { readonly kind: 'oci'; readonly ref: string; readonly plainHttp: boolean; readonly cacheDir: string }
  | { readonly kind: 'repository'; readonly url: string; readonly cacheDir: string; readonly digests: Readonly<Record<string, string>> };

export interface OciSourceOptions {
  /** Talk plain HTTP to the registry (a local test registry). @default false */
  readonly plainHttp?: boolean;
  /** Folder that keeps pulled charts. @default `<cache root>/charts/oci` */
  readonly cacheDir?: string;
}

export interface RepositorySourceOptions {
  /**
   * Helm repository URL (the folder holding index.yaml). Credentials in it (`https://user:token@host/charts`)
   * are sent as HTTP Basic authentication and shown as `***` in every message.
   * @default the official Istio repository
   */
  readonly url?: string;
  /** Folder that keeps downloaded charts. @default `<cache root>/charts/repository` */
  readonly cacheDir?: string;
  /**
   * Expected sha256 per chart archive, keyed `<chart>-<version>` (e.g. 'istiod-1.30.3'), checked on download
   * and on every later use, besides the digest the repository's index.yaml lists. Pin them to be safe from a
   * compromised repository: the index alone only catches a corrupted download.
   * @default - none: the index's digest, and the digest recorded at download time for later uses
   */
  readonly digests?: Readonly<Record<string, string>>;
}

/** Where the Istio charts come from. Sources are tried in the order given. */
export class ChartSource {
  /**
   * A folder laid out like an Istio release's `manifests/charts` (`base/`, `istio-control/istio-discovery/`,
   * `istio-cni/`, `ztunnel/`, `gateway/`), e.g. an unpacked release archive or a checkout of istio/istio.
   */
  public static localDir(dir: string): ChartSource {
    if (!dir) throw new UserError("chart source: the local chart folder is empty; give the path of a release's manifests/charts");
    return new ChartSource({ kind: 'localDir', dir: path.resolve(dir) });
  }

  /**
   * An OCI registry path that holds the charts by name: `oci://<registry>/<path>` + `/base`, `/istiod`, `/cni`,
   * `/ztunnel`, `/gateway`.
   * Pulled once with `helm pull` into the cache; later synths use the cached archive.
   */
  public static oci(ref: string, options: OciSourceOptions = {}): ChartSource {
    if (!/^oci:\/\/[^/\s]+(\/[^\s]*)?$/.test(ref)) {
      throw new UserError(
        `chart source: '${redactUrl(ref)}' is not an oci reference; write it as oci://<registry>/<path>, e.g. oci://gcr.io/istio-release/charts`,
      );
    }
    return new ChartSource({
      kind: 'oci',
      ref: ref.replace(/\/+$/, ''),
      plainHttp: options.plainHttp ?? false,
      cacheDir: path.resolve(options.cacheDir ?? path.join(cacheRoot(), 'charts', 'oci')),
    });
  }

  /** A Helm repository (index.yaml + archives); the official Istio one unless told otherwise. */
  public static repository(options: RepositorySourceOptions = {}): ChartSource {
    const url = (options.url ?? OFFICIAL_REPOSITORY_URL).replace(/\/+$/, '');
    if (!/^https?:\/\/\S+$/.test(url))
      throw new UserError(`chart source: '${redactUrl(url)}' is not an http(s) repository url; write it as https://<host>/<path>`);
    return new ChartSource({
      kind: 'repository',
      url,
      cacheDir: path.resolve(options.cacheDir ?? path.join(cacheRoot(), 'charts', 'repository')),
      digests: { ...options.digests },
    });
  }

  /**
   * The sources used when none are given: `ISTIO_CHARTS_DIR` when set, then the official repository
   * (downloaded once, then served from the cache).
   */
  public static defaults(env: NodeJS.ProcessEnv = process.env): ChartSource[] {
    const out: ChartSource[] = [];
    if (env.ISTIO_CHARTS_DIR) out.push(ChartSource.localDir(env.ISTIO_CHARTS_DIR));
    out.push(ChartSource.repository());
    return out;
  }

  private constructor(public readonly spec: ChartSourceSpec) {}
}
