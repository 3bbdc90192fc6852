import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { brand } from '../../../src/model/brand';
import { defaultTagConflict, defaultTagOf, isRevisionTag, withDefaultTag } from '../../../src/constructs/control-plane/default-tag';

/** A stand-in for RevisionTag, found by the same brand (default-tag.ts never imports the class). */
class FakeTag extends Construct {
  static {
    brand(FakeTag, 'RevisionTag');
  }

  constructor(
    scope: Construct,
    id: string,
    public readonly name: string,
    public readonly revision: string,
  ) {
    super(scope, id);
  }
}

describe('the default tag', () => {
  test('is the first RevisionTag named default in the app, found by brand', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new FakeTag(chart, 'Prod', 'prod', 'blue');
    const first = new FakeTag(chart, 'A', 'default', 'green');
    new FakeTag(new Chart(app, 'd'), 'B', 'default', 'blue');
    expect(isRevisionTag(first)).toBe(true);
    expect(isRevisionTag(chart)).toBe(false);
    expect(defaultTagOf(chart)).toBe(first);
  });

  test('is absent in an app without one', () => {
    const chart = new Chart(Testing.app(), 'c');
    new FakeTag(chart, 'Prod', 'prod', 'blue');
    expect(defaultTagOf(chart)).toBeUndefined();
  });

  test("sets defaultRevision to the tag's revision unless the values set it", () => {
    const tag = new FakeTag(new Chart(Testing.app(), 'c'), 'T', 'default', 'blue');
    expect(withDefaultTag({ global: {} }, tag)).toEqual({ global: {}, defaultRevision: 'blue' });
    expect(withDefaultTag({ defaultRevision: 'green' }, tag)).toEqual({ defaultRevision: 'green' });
    expect(withDefaultTag({ global: {} }, undefined)).toEqual({ global: {} });
  });

  test('conflicts with an explicit defaultRevision that differs, naming the tag and the fix', () => {
    const tag = new FakeTag(new Chart(Testing.app(), 'c'), 'T', 'default', 'blue');
    expect(defaultTagConflict(undefined, tag)).toBeUndefined();
    expect(defaultTagConflict('blue', tag)).toBeUndefined();
    expect(defaultTagConflict('green', undefined)).toBeUndefined();
    expect(defaultTagConflict('', tag)).toBe(
      "values.defaultRevision \"\" conflicts with the revision tag 'default' at c/T, which points base's default validator " +
        "at revision 'blue': remove defaultRevision (the tag sets it) or point the tag at that revision",
    );
  });
});
