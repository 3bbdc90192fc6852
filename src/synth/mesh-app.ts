import { App, AppProps } from 'cdk8s';
import { writeDirAtomically } from './atomic-write';
import { collectObjects, validateApp } from './collect';
import { layoutFiles } from './layout';

export interface MeshAppProps extends AppProps {}

/**
 * A cdk8s App whose synth validates everything first (all errors at once, with construct paths)
 * and then replaces the output folder whole, or not at all.
 */
export class MeshApp extends App {
  constructor(props: MeshAppProps = {}) {
    super(props);
  }

  public synth(): void {
    validateApp(this);
    const objects = collectObjects(this);
    writeDirAtomically(this.outdir, layoutFiles(objects));
  }
}
