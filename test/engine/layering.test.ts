import * as fs from 'fs';
import * as path from 'path';

// The engines and the model are plain functions on plain objects, shared by the constructs and the CLI:
// they must not depend on cdk8s, cdk8s-plus-27, constructs, or the layers above them.
const SRC = path.join(__dirname, '..', '..', 'src');
const FORBIDDEN = /from\s+'(cdk8s|cdk8s-plus-27|constructs)(\/[^']*)?'|from\s+'[./]*\/(constructs|synth|cli)\//;

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('layering', () => {
  const files = [...tsFiles(path.join(SRC, 'engine')), ...tsFiles(path.join(SRC, 'model'))];

  test('finds the engine and model sources', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  test('engines and model import no cdk8s and nothing from the constructs, synth or cli layers', () => {
    const offenders = files.filter((f) => FORBIDDEN.test(fs.readFileSync(f, 'utf-8'))).map((f) => path.relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});
