import { Chart, Testing } from 'cdk8s';
import * as path from 'path';
import { Istiod } from '../../src/constructs/control-plane/istiod';
import { appRevisions, missingRevisionError } from '../../src/constructs/revisions';
import { ChartSource } from '../../src/engine/charts/chart-source';

// Real helm renders of the fixture charts; never the network.
const sources = [ChartSource.localDir(path.join(__dirname, '..', 'fixtures', 'charts'))];

describe('revisions', () => {
  test('lists the revisions of every Istiod in the app, default for none, sorted', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'cp');
    new Istiod(chart, 'Stable', { sources });
    new Istiod(new Chart(app, 'other'), 'Canary', { revision: 'canary', sources });
    expect(appRevisions(chart)).toEqual(['canary', 'default']);
  });

  test('finds no error for a revision the app has', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'cp');
    new Istiod(chart, 'Canary', { revision: 'canary', sources });
    expect(missingRevisionError(chart, 'canary', 'x')).toBeUndefined();
  });

  test('names the missing revision, the known ones and both fixes', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'cp');
    new Istiod(chart, 'Canary', { revision: 'canary', sources });
    expect(missingRevisionError(chart, 'default', "InjectionMode.revision('default', { external: true })")).toBe(
      "revision 'default' has no istiod in this app (istiod revisions in this app: canary): add new Istiod(scope, id), " +
        "or declare it external with InjectionMode.revision('default', { external: true })",
    );
  });
});
