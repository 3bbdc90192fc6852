import { Chart, Testing } from 'cdk8s';
import * as path from 'path';
import { Istiod } from '../../src/constructs/control-plane/istiod';
import { RevisionTag } from '../../src/constructs/control-plane/revision-tag';
import {
  appRevisions,
  istiodFor,
  missingDefaultRevisionError,
  missingRevisionError,
  resolveRevision,
  tagOf,
} from '../../src/constructs/revisions';
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

describe('the default revision (istio-injection=enabled)', () => {
  test('names the user and both fixes when only revisioned Istiods remain and no default tag', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'cp');
    new Istiod(chart, 'New', { revision: '1-30-3', sources });
    new RevisionTag(chart, 'Prod', { name: 'prod', revision: '1-30-3' });
    expect(missingDefaultRevisionError(chart, "namespace 'legacy' is labeled istio-injection=enabled")).toBe(
      "namespace 'legacy' is labeled istio-injection=enabled, which only the default revision serves, but this app has no " +
        "Istiod without revision and no RevisionTag 'default' (istiod revisions in this app: 1-30-3): add new " +
        "RevisionTag(scope, id, { name: 'default', revision: <Istiod> }), or use InjectionMode.revision('<revision or tag>') " +
        "(InjectionMode.revision('default', { external: true }) for a default revision installed elsewhere)",
    );
  });

  test.each([
    ['an Istiod without revision', (chart: Chart) => new Istiod(chart, 'Default', { sources })],
    [
      "a 'default' tag",
      (chart: Chart) =>
        new RevisionTag(chart, 'Default', { name: 'default', revision: new Istiod(chart, 'New', { revision: 'new', sources }) }),
    ],
    ['no Istiod at all (control plane elsewhere)', () => undefined],
  ])('finds no error with %s', (_what, build) => {
    const chart = new Chart(Testing.app(), 'cp');
    build(chart);
    expect(missingDefaultRevisionError(chart, 'x')).toBeUndefined();
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
