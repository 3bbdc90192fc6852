import { Chart, Testing } from 'cdk8s';
import * as path from 'path';
import { Istiod } from '../../src/constructs/control-plane/istiod';
import { RevisionTag } from '../../src/constructs/control-plane/revision-tag';
import { appRevisions, istiodFor, missingRevisionError, resolveRevision, tagOf } from '../../src/constructs/revisions';
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

  test('a RevisionTag of the app counts as a known revision', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'cp');
    new RevisionTag(chart, 'Prod', { name: 'prod', revision: new Istiod(chart, 'Canary', { revision: 'canary', sources }) });
    expect(missingRevisionError(chart, 'prod', 'x')).toBeUndefined();
  });

  test('lists the tags of the app next to the revisions when a name is missing', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'cp');
    new RevisionTag(chart, 'Prod', { name: 'prod', revision: new Istiod(chart, 'Canary', { revision: 'canary', sources }) });
    expect(missingRevisionError(chart, 'stable', 'X')).toBe(
      "revision 'stable' has no istiod in this app (istiod revisions in this app: canary; tags: prod): " +
        "add new Istiod(scope, id, { revision: 'stable' }), or declare it external with X",
    );
  });
});

describe('tag resolution', () => {
  test('resolves a tag to its revision and Istiod, and a revision to itself', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'cp');
    const blue = new Istiod(chart, 'Blue', { revision: 'blue', sources });
    const green = new Istiod(chart, 'Green', { revision: 'green', sources });
    const tag = new RevisionTag(chart, 'Prod', { name: 'prod', revision: green });
    expect(tagOf(chart, 'prod')).toBe(tag);
    expect(resolveRevision(chart, 'prod')).toBe('green');
    expect(resolveRevision(chart, 'blue')).toBe('blue');
    expect(istiodFor(chart, 'prod')).toBe(green);
    expect(istiodFor(chart, 'blue')).toBe(blue);
  });

  test('finds no Istiod for a tag on a revision installed elsewhere', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'cp');
    new RevisionTag(chart, 'Prod', { name: 'prod', revision: 'remote', external: true, sources });
    expect(resolveRevision(chart, 'prod')).toBe('remote');
    expect(istiodFor(chart, 'prod')).toBeUndefined();
  });
});
