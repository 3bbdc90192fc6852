import { brand, hasBrand } from '../../src/model/brand';

class Branded {
  static {
    brand(Branded, 'TestBranded', 'TestFamily');
  }
}
class Sub extends Branded {}

describe('brand', () => {
  test('instances and subclass instances carry every brand of the class', () => {
    expect(hasBrand(new Branded(), 'TestBranded')).toBe(true);
    expect(hasBrand(new Sub(), 'TestBranded')).toBe(true);
    expect(hasBrand(new Sub(), 'TestFamily')).toBe(true);
  });

  test('other values do not', () => {
    expect(hasBrand(new Branded(), 'Other')).toBe(false);
    expect(hasBrand({}, 'TestBranded')).toBe(false);
    expect(hasBrand(undefined, 'TestBranded')).toBe(false);
    expect(hasBrand(null, 'TestBranded')).toBe(false);
    expect(hasBrand('TestBranded', 'TestBranded')).toBe(false);
  });

  test('a brand is the same registered symbol in every copy of the module', () => {
    let other: typeof hasBrand = hasBrand;
    jest.isolateModules(() => {
      other = (jest.requireActual('../../src/model/brand') as { hasBrand: typeof hasBrand }).hasBrand;
    });
    expect(other).not.toBe(hasBrand);
    expect(other(new Branded(), 'TestBranded')).toBe(true);
  });
});
