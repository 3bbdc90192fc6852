// Runs the sample app in a fresh node process, as `npm run synth` would: TypeScript compiled on the fly by swc,
// so no build is needed.
import { execFileSync } from 'child_process';
import * as path from 'path';
import { readOutputDir } from '../../src/synth/diff';
import { SampleOptions } from './sample-app';

export function synthInChild(options: SampleOptions, env: NodeJS.ProcessEnv = {}): Map<string, string> {
  const script = `
    const fs = require('fs');
    const swc = require('@swc/core');
    require.extensions['.ts'] = (m, file) => m._compile(swc.transformSync(fs.readFileSync(file, 'utf-8'),
      { filename: file, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code, file);
    require(${JSON.stringify(path.join(__dirname, 'sample-app.ts'))}).sampleApp(JSON.parse(process.argv[1])).synth();`;
  execFileSync(process.execPath, ['-e', script, JSON.stringify(options)], {
    cwd: path.join(__dirname, '..', '..'),
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  return readOutputDir(options.outdir);
}
