// Example app: the seed install. Filled in by the mission-core work.
import { isUserFacing } from './errors';
import { MeshApp } from './synth/mesh-app';

function run(): void {
  const app = new MeshApp({ outdir: process.env.CDK8S_OUTDIR ?? 'dist' });
  app.synth();
}

try {
  run();
} catch (error) {
  if (!isUserFacing(error)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  process.exitCode = 1;
}
