import { type SourceMap } from './errors';

/** Syntax tree of a parsed template; `pos` is the offset in the source, for messages. */

export interface TextNode {
  readonly kind: 'text';
  readonly pos: number;
  readonly text: string;
}
export interface DotNode {
  readonly kind: 'dot';
  readonly pos: number;
}
export interface NilNode {
  readonly kind: 'nil';
  readonly pos: number;
}
export interface BoolNode {
  readonly kind: 'bool';
  readonly pos: number;
  readonly value: boolean;
}
export interface StringNode {
  readonly kind: 'string';
  readonly pos: number;
  readonly quoted: string;
  readonly value: string;
}
export interface NumberNode {
  readonly kind: 'number';
  readonly pos: number;
  readonly text: string;
  readonly value: number;
  /** Written with a decimal point or exponent (Go's float64 constant) rather than as an integer. */
  readonly isFloat: boolean;
  /** Beyond int64 (but within uint64): Go fails when the constant is used. */
  readonly overflowsInt?: boolean;
}
/** `.A.B` — ident is ['A', 'B']. */
export interface FieldNode {
  readonly kind: 'field';
  readonly pos: number;
  readonly ident: readonly string[];
}
/** `$x.A` — ident is ['$x', 'A']. */
export interface VariableNode {
  readonly kind: 'variable';
  readonly pos: number;
  readonly ident: readonly string[];
}
/** A function name. */
export interface IdentifierNode {
  readonly kind: 'identifier';
  readonly pos: number;
  readonly name: string;
}
/** `(pipeline).A.B` */
export interface ChainNode {
  readonly kind: 'chain';
  readonly pos: number;
  readonly node: Operand;
  readonly fields: readonly string[];
}

export type Operand =
  DotNode | NilNode | BoolNode | StringNode | NumberNode | FieldNode | VariableNode | IdentifierNode | ChainNode | PipeNode;

export interface CommandNode {
  readonly kind: 'command';
  readonly pos: number;
  readonly args: readonly Operand[];
}
export interface PipeNode {
  readonly kind: 'pipe';
  readonly pos: number;
  /** Declared or assigned variable names (`$x`). */
  readonly decl: readonly string[];
  readonly isAssign: boolean;
  readonly cmds: readonly CommandNode[];
}

export interface ListNode {
  readonly kind: 'list';
  readonly pos: number;
  readonly nodes: readonly Node[];
}
export interface ActionNode {
  readonly kind: 'action';
  readonly pos: number;
  readonly pipe: PipeNode;
}
export interface BranchNode {
  readonly kind: 'if' | 'with' | 'range';
  readonly pos: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList?: ListNode;
}
export interface TemplateNode {
  readonly kind: 'template';
  readonly pos: number;
  readonly name: string;
  readonly pipe?: PipeNode;
}
export interface BreakNode {
  readonly kind: 'break' | 'continue';
  readonly pos: number;
}

export type Node = TextNode | ListNode | ActionNode | BranchNode | TemplateNode | BreakNode;

/** One named template body, with the source it was parsed from (for messages). */
export interface Tree {
  readonly name: string;
  readonly root: ListNode;
  readonly source: SourceMap;
}

/** Source-like rendering of a node, used in "executing ... at <node>" messages. */
export function nodeString(n: Operand | CommandNode): string {
  switch (n.kind) {
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'string':
      return n.quoted;
    case 'number':
      return n.text;
    case 'field':
      return n.ident.map((i) => `.${i}`).join('');
    case 'variable':
      return n.ident.join('.');
    case 'identifier':
      return n.name;
    case 'chain': {
      const inner = n.node.kind === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return inner + n.fields.map((f) => `.${f}`).join('');
    }
    case 'command':
      return n.args.map((a) => (a.kind === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'pipe': {
      const decl = n.decl.length > 0 ? `${n.decl.join(', ')} ${n.isAssign ? '=' : ':='} ` : '';
      return decl + n.cmds.map(nodeString).join(' | ');
    }
  }
}

/** Go's ErrorContext text for a node. */
export function errorContext(node: Operand | CommandNode | Node): string {
  switch (node.kind) {
    case 'action':
      return `{{${nodeString(node.pipe)}}}`;
    case 'if':
    case 'with':
    case 'range':
      return `{{${node.kind} ${nodeString(node.pipe)}}}`;
    case 'template':
      return `{{template ${JSON.stringify(node.name)}${node.pipe ? ` ${nodeString(node.pipe)}` : ''}}}`;
    case 'text':
    case 'list':
      return '';
    case 'break':
    case 'continue':
      return `{{${node.kind}}}`;
    default:
      return nodeString(node);
  }
}
