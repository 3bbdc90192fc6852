import { OutputLayout } from '../../src/core/output-layout';
import { Stage } from '../../src/core/stage';

describe('OutputLayout', () => {
  test('file per chart puts every stage at the top of the output folder', () => {
    const layout = OutputLayout.filePerChart();
    expect(Stage.all().map((s) => layout.folderOf(s))).toEqual(['', '', '', '', '']);
    expect(layout.kustomization).toBe(false);
  });

  test('stage folders put each stage in its own numbered folder, with kustomizations by default', () => {
    const layout = OutputLayout.stageFolders();
    expect(layout.folderOf(Stage.controlPlane())).toBe('10-control-plane');
    expect(layout.kustomization).toBe(true);
    expect(OutputLayout.stageFolders({ kustomization: false }).kustomization).toBe(false);
  });

  test('objects without a stage (Argo CD and Flux objects) go to gitops/ in every layout', () => {
    expect(OutputLayout.filePerChart().folderOf(undefined)).toBe('gitops');
    expect(OutputLayout.stageFolders().folderOf(undefined)).toBe('gitops');
  });
});
