// Runs the sample app in a fresh node process, as `npm run synth` would: TypeScript compiled on the fly by swc,
// so no build is needed.
import { execFileSync } from 'child_process';
import * as path from 'path';
import { readOutputDir } from '../../src/synth/diff';
import { type SampleOptions } from './sample-app';

/** JavaScript that lets the rest of a script `require` TypeScript files (types stripped by swc). */
export const REQUIRE_TYPESCRIPT = `
  const swc = require(${JSON.stringify(require.resolve('@swc/core'))});
  require.extensions['.ts'] = (m, file) => m._compile(swc.transformSync(require('fs').readFileSync(file, 'utf-8'),
    { filename: file, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code, file);
`;

/** The sample app module, for scripts. */
export const SAMPLE_APP = path.join(__dirname, 'sample-app.ts');

export function synthInChild(options: SampleOptions, env: NodeJS.ProcessEnv = {}): Map<string, string> {
  const script = `${REQUIRE_TYPESCRIPT}
    require(${JSON.stringify(SAMPLE_APP)}).sampleApp(JSON.parse(process.argv[1])).synth();`;
  execFileSync(process.execPath, ['-e', script, JSON.stringify(options)], {
    cwd: path.join(__dirname, '..', '..'),
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  return readOutputDir(options.outdir);
}
