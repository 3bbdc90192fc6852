/** A chart ready for `helm template`: a folder or a packaged archive on local disk. */
export interface ResolvedChart {
  readonly name: string;
  readonly version: string;
  /** Folder or .tgz passed to helm. */
  readonly path: string;
  /** sha256 over the chart's content (see chartDigest); part of the render cache key. */
  readonly digest: string;
  /** Where it came from, for messages. */
  readonly origin: string;
}

/** Outcome of trying one source: the chart, or what was looked at and why it did not work. */
export type SourceAttempt = { readonly chart: ResolvedChart } | { readonly looked: string };
