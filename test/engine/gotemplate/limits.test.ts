import { checkedLength, checkedRepeat, MAX_OUTPUT, MAX_STEPS } from '../../../src/engine/gotemplate/limits';

describe('limits', () => {
  test('checkedRepeat repeats within the output limit and refuses what Go refuses', () => {
    expect(checkedRepeat('ab', 2)).toBe('abab');
    expect(() => checkedRepeat('x', -1)).toThrow('strings: negative Repeat count');
    expect(() => checkedRepeat('xx', MAX_OUTPUT)).toThrow(`exceeds the template output limit of ${MAX_OUTPUT}`);
  });

  test('checkedLength refuses lists longer than one execution may step through', () => {
    expect(() => checkedLength('until', MAX_STEPS)).not.toThrow();
    expect(() => checkedLength('until', MAX_STEPS + 1)).toThrow(`until of ${MAX_STEPS + 1} elements exceeds the limit`);
  });
});
