/**
 * Tokenizer for Go text/template source. Text is cut at `{{` with indexOf; actions are scanned
 * character by character. Trim markers (`{{- ` and ` -}}`) are applied here, so the parser
 * sees text that is already trimmed. Comments are dropped.
 */

export type TokenType =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'eof'
  | 'error'
  | 'identifier'
  | 'keyword'
  | 'field'
  | 'variable'
  | 'dot'
  | 'bool'
  | 'nil'
  | 'number'
  | 'char'
  | 'string'
  | 'rawString'
  | 'pipe'
  | 'leftParen'
  | 'rightParen'
  | 'declare'
  | 'assign'
  | 'other';

export interface Token {
  readonly type: TokenType;
  readonly pos: number;
  /** Source text of the token; for 'error' the message. */
  readonly value: string;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);
const ALNUM = /[\p{L}\p{Nd}_]/u;

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

function isAlphaNumeric(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 128) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  }
  return ALNUM.test(c);
}

export function lex(input: string): Token[] {
  return new Lexer(input).run();
}

class Lexer {
  private readonly tokens: Token[] = [];
  private pos = 0;
  private parenDepth = 0;

  constructor(private readonly input: string) {}

  run(): Token[] {
    try {
      while (this.lexText()) this.lexInsideAction();
    } catch (e) {
      if (!(e instanceof LexFailure)) throw e;
      this.tokens.push({ type: 'error', pos: e.pos, value: e.message });
    }
    return this.tokens;
  }

  private emit(type: TokenType, start: number, end = this.pos): void {
    this.tokens.push({ type, pos: start, value: this.input.slice(start, end) });
  }

  private fail(message: string, pos = this.pos): never {
    throw new LexFailure(message, pos);
  }

  /** Emits text up to the next action; returns false at end of input. */
  private lexText(): boolean {
    const { input } = this;
    for (;;) {
      const x = input.indexOf('{{', this.pos);
      if (x < 0) {
        if (this.pos < input.length) this.emit('text', this.pos, input.length);
        this.tokens.push({ type: 'eof', pos: input.length, value: '' });
        return false;
      }
      const trim = input[x + 2] === '-' && isSpace(input[x + 3]);
      let end = x;
      if (trim) while (end > this.pos && isSpace(input[end - 1])) end--;
      if (end > this.pos) this.emit('text', this.pos, end);
      const inner = x + 2 + (trim ? 2 : 0);
      if (input.startsWith('/*', inner)) {
        this.lexComment(inner);
        continue;
      }
      this.emit('leftDelim', x, inner);
      this.pos = inner;
      this.parenDepth = 0;
      return true;
    }
  }

  private lexComment(start: number): void {
    const close = this.input.indexOf('*/', start + 2);
    if (close < 0) this.fail('unclosed comment', start);
    this.pos = close + 2;
    if (!this.atRightDelim()) this.fail('comment ends before closing delimiter', start);
    this.consumeRightDelim();
  }

  /** 0 when not at a closing delimiter, else its length (2, or 4 with a trim marker). */
  private rightDelimLength(): number {
    const { input, pos } = this;
    if (input.startsWith('}}', pos)) return 2;
    if (isSpace(input[pos]) && input[pos + 1] === '-' && input.startsWith('}}', pos + 2)) return 4;
    return 0;
  }

  private atRightDelim(): boolean {
    return this.rightDelimLength() > 0;
  }

  private consumeRightDelim(): void {
    const length = this.rightDelimLength();
    this.pos += length;
    if (length === 4) while (isSpace(this.input[this.pos])) this.pos++;
  }

  private lexInsideAction(): void {
    const { input } = this;
    for (;;) {
      if (this.atRightDelim()) {
        if (this.parenDepth > 0) this.fail('unclosed left paren');
        const start = this.pos;
        this.consumeRightDelim();
        this.tokens.push({ type: 'rightDelim', pos: start, value: '}}' });
        return;
      }
      const start = this.pos;
      const c = input[this.pos];
      if (c === undefined) this.fail('unclosed action');
      if (isSpace(c)) {
        this.lexSpace();
        continue;
      }
      this.pos++;
      switch (c) {
        case '=':
          this.emit('assign', start);
          continue;
        case ':':
          if (input[this.pos] !== '=') this.fail('expected :=');
          this.pos++;
          this.emit('declare', start);
          continue;
        case '|':
          this.emit('pipe', start);
          continue;
        case '"':
          this.lexQuote(start);
          continue;
        case '`':
          this.lexRawQuote(start);
          continue;
        case "'":
          this.lexChar(start);
          continue;
        case '$':
          this.lexFieldOrVariable(start, 'variable');
          continue;
        case '(':
          this.emit('leftParen', start);
          this.parenDepth++;
          continue;
        case ')':
          if (--this.parenDepth < 0) this.fail('unexpected right paren', start);
          this.emit('rightParen', start);
          continue;
        case '.': {
          const next = input[this.pos];
          if (next === undefined || next < '0' || next > '9') {
            this.lexFieldOrVariable(start, 'field');
            continue;
          }
          break;
        }
        default:
      }
      if (c === '.' || c === '+' || c === '-' || (c >= '0' && c <= '9')) {
        this.pos = start;
        this.lexNumber(start);
      } else if (isAlphaNumeric(c)) {
        this.lexIdentifier(start);
      } else if (c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) < 0x7f) {
        this.emit('other', start);
      } else {
        const cp = input.codePointAt(start) ?? 0;
        this.fail(`unrecognized character in action: U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, start);
      }
    }
  }

  private lexSpace(): void {
    const start = this.pos;
    while (isSpace(this.input[this.pos])) this.pos++;
    // The last space may belong to a " -}}" closing delimiter.
    if (this.input[this.pos] === '-' && this.input.startsWith('}}', this.pos + 1)) {
      this.pos--;
      if (this.pos === start) return;
    }
    this.emit('space', start);
  }

  private atTerminator(): boolean {
    const c = this.input[this.pos];
    if (c === undefined || isSpace(c)) return true;
    if ('.,|:()'.includes(c)) return true;
    return this.input.startsWith('}}', this.pos);
  }

  private scanAlphaNumeric(): void {
    while (isAlphaNumeric(this.input[this.pos])) this.pos++;
  }

  private badCharacter(): never {
    const cp = this.input.codePointAt(this.pos) ?? 0;
    const hex = cp.toString(16).toUpperCase().padStart(4, '0');
    return this.fail(`bad character U+${hex} '${String.fromCodePoint(cp)}'`);
  }

  private lexFieldOrVariable(start: number, type: 'field' | 'variable'): void {
    if (this.atTerminator()) {
      this.emit(type === 'variable' ? 'variable' : 'dot', start);
      return;
    }
    this.scanAlphaNumeric();
    if (!this.atTerminator()) this.badCharacter();
    this.emit(type, start);
  }

  private lexIdentifier(start: number): void {
    this.scanAlphaNumeric();
    if (!this.atTerminator()) this.badCharacter();
    const word = this.input.slice(start, this.pos);
    if (KEYWORDS.has(word)) this.emit('keyword', start);
    else if (word === 'nil') this.emit('nil', start);
    else if (word === 'true' || word === 'false') this.emit('bool', start);
    else this.emit('identifier', start);
  }

  private accept(valid: string): boolean {
    const c = this.input[this.pos];
    if (c !== undefined && valid.includes(c)) {
      this.pos++;
      return true;
    }
    return false;
  }

  private acceptRun(valid: string): void {
    while (this.accept(valid));
  }

  private lexNumber(start: number): void {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.input[this.pos])) {
      this.pos++;
      this.fail(`bad number syntax: ${JSON.stringify(this.input.slice(start, this.pos))}`, start);
    }
    this.emit('number', start);
  }

  private lexQuote(start: number): void {
    this.lexEscaped(start, '"', 'unterminated quoted string');
    this.emit('string', start);
  }

  private lexRawQuote(start: number): void {
    const close = this.input.indexOf('`', this.pos);
    if (close < 0) this.fail('unterminated raw quoted string', start);
    this.pos = close + 1;
    this.emit('rawString', start);
  }

  private lexChar(start: number): void {
    this.lexEscaped(start, "'", 'unterminated character constant');
    this.emit('char', start);
  }

  /** Moves past the closing `quote` of a literal with backslash escapes, which must end on its line. */
  private lexEscaped(start: number, quote: string, unterminated: string): void {
    for (;;) {
      const c = this.input[this.pos++];
      if (c === '\\') {
        const next = this.input[this.pos];
        if (next !== undefined && next !== '\n') {
          this.pos++;
          continue;
        }
      }
      if (c === undefined || c === '\n' || c === '\\') this.fail(unterminated, start);
      if (c === quote) return;
    }
  }
}

class LexFailure extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}
