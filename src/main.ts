// Example app: the seed install (see src/example.ts). `npm run synth` writes it to CDK8S_OUTDIR or dist/.
import { isUserFacing } from './errors';
import { type ExampleAppOptions, buildExampleApp } from './example';
import { MeshApp } from './synth/mesh-app';

/** Synthesizes the example app; returns the exit code. User errors go to `stderr` without a stack trace. */
export function main(options: ExampleAppOptions = {}, stderr: Pick<NodeJS.WriteStream, 'write'> = process.stderr): number {
  try {
    const app = new MeshApp({ outdir: process.env.CDK8S_OUTDIR ?? 'dist' });
    buildExampleApp(app, options);
    app.synth();
    return 0;
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    stderr.write(`error: ${error.message}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main();
