import { StringMatch } from '../../../src/model/traffic/string-match';

describe('StringMatch', () => {
  test('renders exact, prefix and regex matches', () => {
    expect(StringMatch.exact('GET').toSpec()).toEqual({ exact: 'GET' });
    expect(StringMatch.prefix('/api').toSpec()).toEqual({ prefix: '/api' });
    expect(StringMatch.regex('^v[0-9]+$').toSpec()).toEqual({ regex: '^v[0-9]+$' });
  });

  test('rejects an empty prefix and a broken regex', () => {
    expect(() => StringMatch.prefix('')).toThrow(/prefix match '' matches everything/);
    expect(() => StringMatch.regex('(')).toThrow(/regex '\(' is not a valid regular expression/);
  });
});
