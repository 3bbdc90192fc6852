import { type SourceMap } from './errors';
import { type Token } from './lexer';

/** The parser's view of the token list: lookahead, backing up, and Go's parse error messages. */
export class TokenReader {
  protected index = 0;
  /** Offset of the `{{` of the action being parsed (-1 outside actions), for "action started at" errors. */
  protected actionStart = -1;

  constructor(
    protected readonly tokens: Token[],
    protected readonly source: SourceMap,
  ) {}

  protected peek(): Token {
    return this.tokens[this.index];
  }

  protected next(): Token {
    const t = this.tokens[this.index];
    if (t.type !== 'eof' && t.type !== 'error') this.index++;
    return t;
  }

  protected nextNonSpace(): Token {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }

  protected peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup(t);
    return t;
  }

  protected backup(t: Token): void {
    if (t.type !== 'eof' && t.type !== 'error') this.index--;
  }

  protected current(): Token {
    return this.tokens[Math.max(0, this.index - 1)];
  }

  protected fail(reason: string, pos = this.current().pos): never {
    throw this.source.parseError(pos, reason);
  }

  protected unexpected(token: Token, context: string): never {
    if (token.type === 'error') {
      let extra = '';
      if (this.actionStart >= 0 && this.source.line(this.actionStart) !== this.source.line(token.pos)) {
        extra = ` in action started at ${this.source.name}:${this.source.line(this.actionStart)}`;
        if (token.value.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.fail(`${token.value}${extra}`, token.pos);
    }
    this.fail(`unexpected ${describe(token)} in ${context}`, token.pos);
  }

  protected expect(type: Token['type'], context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) this.unexpected(t, context);
    return t;
  }
}

/** Go's item.String(): keywords in angle brackets, long values cut at 10 characters. */
function describe(t: Token): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'keyword') return `<${t.value}>`;
  const chars = [...t.value];
  if (chars.length > 10) return `${JSON.stringify(chars.slice(0, 10).join(''))}...`;
  return JSON.stringify(t.value);
}
