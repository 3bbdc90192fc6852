import {
  type ActionNode,
  type BranchNode,
  type CommandNode,
  type ListNode,
  type Node,
  nodeString,
  type Operand,
  type PipeNode,
  type TemplateNode,
  type Tree,
} from './ast';
import { SourceMap } from './errors';
import { lex, type Token } from './lexer';
import { TokenReader } from './token-reader';
import { parseNumber, unquote } from './literals';

/** What ends an item list: `{{end}}` or `{{else}}` (with `if`/`with` possibly pending after it). */
interface Terminator {
  readonly kind: 'end' | 'else';
  readonly pos: number;
}

/**
 * Parses `text` into its named trees: the main one under `name` plus one per `define`/`block`.
 * `hasFunction` decides which identifiers are callable, as Go checks functions at parse time.
 */
export function parse(name: string, text: string, hasFunction: (name: string) => boolean): Map<string, Tree> {
  const source = new SourceMap(name, text);
  const trees = new Map<string, Tree>();
  new Parser(lex(text), source, hasFunction, trees).parseTop(name);
  return trees;
}

class Parser extends TokenReader {
  private vars: string[] = ['$'];
  private rangeDepth = 0;

  constructor(
    tokens: Token[],
    source: SourceMap,
    private readonly hasFunction: (name: string) => boolean,
    private readonly trees: Map<string, Tree>,
  ) {
    super(tokens, source);
  }

  parseTop(name: string): void {
    const nodes: Node[] = [];
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const saved = this.index;
        const delim = this.next();
        const word = this.nextNonSpace();
        if (word.type === 'keyword' && word.value === 'define') {
          this.actionStart = delim.pos;
          this.parseDefinition();
          this.actionStart = -1;
          continue;
        }
        this.index = saved;
      }
      const n = this.textOrAction();
      if (isTerminator(n)) this.fail(`unexpected {{${n.kind}}}`);
      nodes.push(n);
    }
    this.addTree(name, { kind: 'list', pos: 0, nodes });
  }

  // ---- structure

  private addTree(name: string, root: ListNode): void {
    const existing = this.trees.get(name);
    if (existing && !isEmptyList(existing.root)) {
      if (!isEmptyList(root)) this.fail(`template: multiple definition of template "${name}"`);
      return;
    }
    this.trees.set(name, { name, root, source: this.source });
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.templateName(this.nextNonSpace(), context);
    this.expect('rightDelim', context);
    this.namedTemplateBody(name, context);
  }

  private itemList(): [ListNode, Terminator] {
    const nodes: Node[] = [];
    const pos = this.peekNonSpace().pos;
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (isTerminator(n)) return [{ kind: 'list', pos, nodes }, n];
      nodes.push(n);
    }
    const t = this.peek();
    if (t.type === 'error') this.unexpected(t, 'input');
    return this.fail('unexpected EOF', t.pos);
  }

  private textOrAction(): Node | Terminator {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'text':
        return { kind: 'text', pos: t.pos, text: t.value };
      case 'leftDelim': {
        const outer = this.actionStart;
        this.actionStart = t.pos;
        const n = this.action();
        this.actionStart = outer;
        return n;
      }
      default:
        return this.unexpected(t, 'input');
    }
  }

  private action(): Node | Terminator {
    const t = this.nextNonSpace();
    if (t.type === 'keyword') {
      switch (t.value) {
        case 'block':
          return this.blockControl();
        case 'break':
        case 'continue':
          return this.loopControl(t);
        case 'else':
          return this.elseControl();
        case 'end':
          return { kind: 'end', pos: this.expect('rightDelim', 'end').pos };
        case 'if':
        case 'range':
        case 'with':
          return this.branch(t.value, t.pos);
        case 'template':
          return this.templateControl();
        default:
      }
    }
    this.backup(t);
    const pos = this.peek().pos;
    const action: ActionNode = { kind: 'action', pos, pipe: this.pipeline('command', 'rightDelim') };
    return action;
  }

  private loopControl(t: Token): Node {
    const next = this.nextNonSpace();
    if (next.type !== 'rightDelim') this.unexpected(next, `{{${t.value}}}`);
    if (this.rangeDepth === 0) this.fail(`{{${t.value}}} outside {{range}}`, t.pos);
    return { kind: t.value as 'break' | 'continue', pos: t.pos };
  }

  private elseControl(): Terminator {
    const peek = this.peekNonSpace();
    // "else if" / "else with": leave the keyword pending for the enclosing branch.
    if (peek.type === 'keyword' && (peek.value === 'if' || peek.value === 'with')) return { kind: 'else', pos: peek.pos };
    return { kind: 'else', pos: this.expect('rightDelim', 'else').pos };
  }

  private branch(kind: 'if' | 'range' | 'with', pos: number): BranchNode {
    const savedVars = this.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    if (kind === 'range') this.rangeDepth++;
    const [list, next] = this.itemList();
    if (kind === 'range') this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (next.kind === 'else') {
      const peek = this.peek();
      if (kind !== 'range' && peek.type === 'keyword' && peek.value === kind) {
        this.next();
        elseList = { kind: 'list', pos: next.pos, nodes: [this.branch(kind, peek.pos)] };
      } else {
        const [list2, end] = this.itemList();
        if (end.kind !== 'end') this.fail('expected end; found {{else}}');
        elseList = list2;
      }
    }
    this.vars.length = savedVars;
    return { kind, pos, pipe, list, elseList };
  }

  private templateName(t: Token, context: string): string {
    if (t.type !== 'string' && t.type !== 'rawString') this.unexpected(t, context);
    const name = unquote(t.value);
    if (name === undefined) this.fail('invalid syntax', t.pos);
    return name;
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    const next = this.nextNonSpace();
    if (next.type === 'rightDelim') return { kind: 'template', pos: t.pos, name };
    this.backup(next);
    return { kind: 'template', pos: t.pos, name, pipe: this.pipeline(context, 'rightDelim') };
  }

  /** Parses up to {{end}} a template named `name`, which sees only its own variables, and defines it. */
  private namedTemplateBody(name: string, context: string): void {
    const outer = this.vars;
    const outerDepth = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    const [list, end] = this.itemList();
    if (end.kind !== 'end') this.fail(`unexpected {{${end.kind}}} in ${context}`);
    this.vars = outer;
    this.rangeDepth = outerDepth;
    this.addTree(name, list);
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    const pipe = this.pipeline(context, 'rightDelim');
    this.namedTemplateBody(name, context);
    return { kind: 'template', pos: t.pos, name, pipe };
  }

  // ---- pipelines

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const pos = this.peekNonSpace().pos;
    const decl: string[] = [];
    let isAssign = false;
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      const start = this.index;
      this.nextNonSpace();
      const next = this.nextNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        isAssign = next.type === 'assign';
        decl.push(v.value);
        this.vars.push(v.value);
        break;
      }
      if (next.type === 'other' && next.value === ',') {
        decl.push(v.value);
        this.vars.push(v.value);
        if (context === 'range' && decl.length < 2) {
          const p = this.peekNonSpace();
          if (p.type === 'variable' || p.type === 'rightDelim' || p.type === 'rightParen') continue;
          this.fail('range can only initialize variables');
        }
        this.fail(`too many declarations in ${context}`);
      }
      this.index = start;
      break;
    }
    const cmds: CommandNode[] = [];
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        this.checkPipeline(cmds, context);
        return { kind: 'pipe', pos, decl, isAssign, cmds };
      }
      switch (t.type) {
        case 'bool':
        case 'char':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup(t);
          cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(cmds: CommandNode[], context: string): void {
    if (cmds.length === 0) this.fail(`missing value for ${context}`);
    cmds.slice(1).forEach((c, i) => {
      if (['bool', 'dot', 'nil', 'number', 'string'].includes(c.args[0].kind)) {
        this.fail(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): CommandNode {
    const pos = this.peekNonSpace().pos;
    const args: Operand[] = [];
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) args.push(operand);
      const t = this.next();
      if (t.type === 'space') continue;
      if (t.type === 'rightDelim' || t.type === 'rightParen') this.backup(t);
      else if (t.type !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (args.length === 0) this.fail('empty command');
    return { kind: 'command', pos, args };
  }

  private operand(): Operand | undefined {
    const node = this.term();
    if (!node || this.peek().type !== 'field') return node;
    // Go positions the combined node at the first field after the term (its chain's position).
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().value.slice(1));
    switch (node.kind) {
      case 'field':
        return { kind: 'field', pos, ident: [...node.ident, ...fields] };
      case 'variable':
        return { kind: 'variable', pos, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return this.fail(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
      default:
        return { kind: 'chain', pos, node, fields };
    }
  }

  private term(): Operand | undefined {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'identifier':
        if (!this.hasFunction(t.value)) this.fail(`function "${t.value}" not defined`, t.pos);
        return { kind: 'identifier', pos: t.pos, name: t.value };
      case 'dot':
        return { kind: 'dot', pos: t.pos };
      case 'nil':
        return { kind: 'nil', pos: t.pos };
      case 'variable':
        if (!this.vars.includes(t.value)) this.fail(`undefined variable "${t.value}"`, t.pos);
        return { kind: 'variable', pos: t.pos, ident: [t.value] };
      case 'field':
        return { kind: 'field', pos: t.pos, ident: [t.value.slice(1)] };
      case 'bool':
        return { kind: 'bool', pos: t.pos, value: t.value === 'true' };
      case 'char': {
        const c = unquote(t.value);
        if (c === undefined) this.fail(`malformed character constant: ${t.value}`, t.pos);
        return { kind: 'number', pos: t.pos, text: t.value, value: c.codePointAt(0) ?? 0, isFloat: false };
      }
      case 'number': {
        const n = parseNumber(t.value);
        if (n === 'overflow') this.fail(`integer overflow: ${JSON.stringify(t.value)}`, t.pos);
        if (!n) this.fail(`illegal number syntax: ${JSON.stringify(t.value)}`, t.pos);
        return { kind: 'number', pos: t.pos, text: t.value, ...n };
      }
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString': {
        const value = unquote(t.value);
        if (value === undefined) this.fail('invalid syntax', t.pos);
        return { kind: 'string', pos: t.pos, quoted: t.value, value };
      }
      default:
        this.backup(t);
        return undefined;
    }
  }
}

function isTerminator(n: Node | Terminator): n is Terminator {
  return n.kind === 'end' || n.kind === 'else';
}

function isEmptyList(list: ListNode): boolean {
  return list.nodes.every((n) => n.kind === 'text' && n.text.trim() === '');
}
