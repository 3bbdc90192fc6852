// Example app: the seed install (see src/example.ts). `npm run synth` writes it to CDK8S_OUTDIR or dist/.
import { fsUserError } from './engine/fs-errors';
import { isUserFacing } from './errors';
import { type ExampleAppOptions, buildExampleApp } from './example';
import { MeshApp } from './synth/mesh-app';

/**
 * Synthesizes the example app; returns the exit code. User errors, and file-system failures a user can fix,
 * go to `stderr` as one line without a stack trace.
 */
export function main(options: ExampleAppOptions = {}, stderr: Pick<NodeJS.WriteStream, 'write'> = process.stderr): number {
  try {
    const app = new MeshApp({ outdir: process.env.CDK8S_OUTDIR ?? 'dist' });
    buildExampleApp(app, options);
    app.synth();
    return 0;
  } catch (error) {
    // A file-system failure the user can fix (a full disk, a read-only folder) is one line too, wherever it happened.
    const shown = isUserFacing(error) ? error : fsUserError(error);
    if (!shown) throw error;
    stderr.write(`error: ${shown.message}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main();
