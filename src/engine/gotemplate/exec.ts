import {
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type Node,
  nodeString,
  type Operand,
  type PipeNode,
  type TemplateNode,
  type Tree,
  type VariableNode,
} from './ast';
import { arityOf, BUILTINS, isTrue, type TemplateFunction } from './builtins';
import { TemplateError } from './errors';
import { formatValue, goTypeName, isMap, isStruct, sortedKeys } from './format';

/** Nested `template` calls allowed before execution stops (Go allows more; JS stacks are smaller). */
export const MAX_TEMPLATE_DEPTH = 1000;

/** "No pipeline value passed on" — distinct from undefined, which is Go's invalid (missing) value. */
const MISSING: unique symbol = Symbol('missing');
/** A value passed down a pipeline, or MISSING in its first command. */
type Final = unknown;

const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

interface Variable {
  readonly name: string;
  value: unknown;
}

type Located = Operand | CommandNode | Node;

/**
 * Runs `tree` on `data`. Values follow Go's model: undefined is "no value" (a missing map key),
 * null is nil, plain objects are maps, class instances are structs, functions found in fields
 * are methods.
 */
export function execute(tree: Tree, trees: ReadonlyMap<string, Tree>, funcs: ReadonlyMap<string, TemplateFunction>, data: unknown): string {
  const state = new State(trees, funcs, tree, data);
  state.walk(data, tree.root);
  return state.out.join('');
}

class State {
  readonly out: string[] = [];
  private vars: Variable[];
  private depth = 0;

  constructor(
    private readonly trees: ReadonlyMap<string, Tree>,
    private readonly funcs: ReadonlyMap<string, TemplateFunction>,
    private tree: Tree,
    data: unknown,
  ) {
    this.vars = [{ name: '$', value: data }];
  }

  private fail(node: Located, reason: string): never {
    const { source } = this.tree;
    let context = contextOf(node);
    if ([...context].length > 20) context = `${[...context].slice(0, 20).join('')}...`;
    const line = source.line(node.pos);
    const message = `template: ${source.name}:${line}:${source.column(node.pos)}: executing "${this.tree.name}" at <${context}>: ${reason}`;
    throw new TemplateError(source.name, line, reason, message);
  }

  // ---- statements

  walk(dot: unknown, node: Node): void {
    switch (node.kind) {
      case 'text':
        this.out.push(node.text);
        return;
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out.push(this.printable(node, value));
        return;
      }
      case 'if':
      case 'with':
        this.walkIfOrWith(dot, node);
        return;
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'template':
        this.walkTemplate(dot, node);
        return;
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
    }
  }

  private printable(node: Node, v: unknown): string {
    if (v === undefined || v === null) return '<no value>';
    if (typeof v === 'function') this.fail(node, `can't print ${nodeString((node as { pipe: PipeNode }).pipe)} of type func`);
    return formatValue(v);
  }

  private walkIfOrWith(dot: unknown, node: BranchNode): void {
    const mark = this.vars.length;
    const value = this.evalPipeline(dot, node.pipe);
    if (isTrue(value)) this.walk(node.kind === 'with' ? value : dot, node.list);
    else if (node.elseList) this.walk(dot, node.elseList);
    this.vars.length = mark;
  }

  private walkRange(dot: unknown, node: BranchNode): void {
    const mark = this.vars.length;
    const value = this.evalPipeline(dot, node.pipe);
    const { decl, isAssign } = node.pipe;
    // Go reports range errors at the last node it evaluated: the value's own node.
    const cmds = node.pipe.cmds;
    const at = cmds[cmds.length - 1].args[0];
    let iterations = 0;
    const iterate = (key: unknown, elem: unknown): void => {
      iterations++;
      if (decl.length > 0) {
        if (isAssign) this.setVar(node, decl[0], decl.length > 1 ? key : elem);
        else this.vars[this.vars.length - 1].value = elem;
      }
      if (decl.length > 1) {
        if (isAssign) this.setVar(node, decl[1], elem);
        else this.vars[this.vars.length - 2].value = key;
      }
      const inner = this.vars.length;
      try {
        this.walk(elem, node.list);
      } catch (e) {
        if (e !== CONTINUE) throw e;
      } finally {
        this.vars.length = inner;
      }
    };
    try {
      if (Array.isArray(value)) {
        value.forEach((v, i) => iterate(i, v));
      } else if (typeof value === 'number' && Number.isInteger(value)) {
        if (decl.length > 1) this.fail(at, `can't use ${value} to iterate over more than one variable`);
        for (let i = 0; i < value; i++) iterate(i, i);
      } else if (isMap(value) && !isStruct(value)) {
        for (const k of sortedKeys(value)) iterate(k, value[k]);
      } else if (value !== undefined && value !== null) {
        this.fail(at, `range can't iterate over ${formatValue(value)}`);
      }
    } catch (e) {
      if (e !== BREAK) throw e;
    }
    if (iterations === 0 && node.elseList) this.walk(dot, node.elseList);
    this.vars.length = mark;
  }

  private walkTemplate(dot: unknown, node: TemplateNode): void {
    const tree = this.trees.get(node.name);
    if (!tree) this.fail(node, `template "${node.name}" not defined`);
    if (this.depth >= MAX_TEMPLATE_DEPTH) this.fail(node, `exceeded maximum template depth (${MAX_TEMPLATE_DEPTH})`);
    const newDot = node.pipe ? this.evalPipeline(dot, node.pipe) : undefined;
    const saved = { tree: this.tree, vars: this.vars };
    this.tree = tree;
    this.vars = [{ name: '$', value: newDot }];
    this.depth++;
    try {
      this.walk(newDot, tree.root);
    } finally {
      this.depth--;
      this.tree = saved.tree;
      this.vars = saved.vars;
    }
  }

  // ---- variables

  private varValue(node: Located, name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    return this.fail(node, `undefined variable: ${name}`);
  }

  private setVar(node: Located, name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.fail(node, `undefined variable: ${name}`);
  }

  // ---- expressions

  private evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // A nil interface value becomes "no value" between stages, as in Go.
      if (value === null) value = undefined;
    }
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(pipe, name, value);
      else this.vars.push({ name, value });
    }
    return value;
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0];
    switch (first.kind) {
      case 'field':
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final);
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd.args, final);
      case 'variable':
        return this.evalVariable(dot, first, cmd.args, final);
      default:
    }
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'pipe':
        return this.evalPipeline(dot, first);
      case 'bool':
      case 'number':
      case 'string':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.fail(first, 'nil is not a command');
    }
  }

  private notAFunction(args: readonly Operand[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.fail(args[0], `can't give argument to non-function ${nodeString(args[0])}`);
  }

  private evalArg(dot: unknown, n: Operand): unknown {
    switch (n.kind) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'bool':
      case 'number':
      case 'string':
        return n.value;
      case 'field':
        return this.evalFieldChain(dot, dot, n, n.ident, [n], MISSING);
      case 'variable':
        return this.evalVariable(dot, n, [n], MISSING);
      case 'pipe':
        return this.evalPipeline(dot, n);
      case 'identifier':
        return this.evalFunction(dot, n, [n], MISSING);
      case 'chain':
        return this.evalChain(dot, n, [n], MISSING);
    }
  }

  private evalChain(dot: unknown, chain: ChainNode, args: readonly Operand[], final: Final): unknown {
    if (chain.node.kind === 'nil') this.fail(chain, `indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.fields, args, final);
  }

  private evalVariable(dot: unknown, v: VariableNode, args: readonly Operand[], final: Final): unknown {
    const value = this.varValue(v, v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: unknown,
    receiver: unknown,
    node: FieldNode | VariableNode | ChainNode,
    ident: readonly string[],
    args: readonly Operand[],
    final: Final,
  ): unknown {
    let r = receiver;
    for (let i = 0; i < ident.length - 1; i++) r = this.evalField(dot, ident[i], node, [], MISSING, r);
    return this.evalField(dot, ident[ident.length - 1], node, args, final, r);
  }

  private evalField(dot: unknown, name: string, node: Located, args: readonly Operand[], final: Final, receiver: unknown): unknown {
    if (receiver === undefined) return undefined;
    if (receiver === null) this.fail(node, `nil pointer evaluating interface {}.${name}`);
    if (typeof receiver !== 'object' || Array.isArray(receiver)) {
      this.fail(node, `can't evaluate field ${name} in type ${goTypeName(receiver)}`);
    }
    let value: unknown;
    if (Object.prototype.hasOwnProperty.call(receiver, name)) {
      value = (receiver as Record<string, unknown>)[name];
    } else if (isStruct(receiver)) {
      // Struct fields and methods may live on the prototype; a name it lacks is an error, as in Go.
      if (!(name in receiver) || name in Object.prototype) {
        this.fail(node, `can't evaluate field ${name} in type ${goTypeName(receiver)}`);
      }
      value = (receiver as Record<string, unknown>)[name];
    }
    if (typeof value === 'function') {
      return this.evalCall(dot, (...a: unknown[]) => value.apply(receiver, a), node, name, args, final);
    }
    if (args.length > 1 || final !== MISSING) this.fail(node, `${name} is not a method but has arguments`);
    return value;
  }

  private evalFunction(dot: unknown, node: IdentifierNode, args: readonly Operand[], final: Final): unknown {
    const fn = this.funcs.get(node.name);
    if (!fn) return this.fail(node, `"${node.name}" is not a defined function`);
    if (fn === BUILTINS.and || fn === BUILTINS.or) {
      return this.evalLogic(dot, node, args, final);
    }
    return this.evalCall(dot, fn, node, node.name, args, final);
  }

  /** `and`/`or` evaluate arguments only until the result is known. */
  private evalLogic(dot: unknown, node: IdentifierNode, args: readonly Operand[], final: Final): unknown {
    const count = args.length - 1 + (final === MISSING ? 0 : 1);
    if (count === 0) this.fail(node, `wrong number of args for ${node.name}: want at least 1 got 0`);
    const stopOn = node.name === 'or';
    let v: unknown;
    for (const a of args.slice(1)) {
      v = this.evalArg(dot, a);
      if (isTrue(v) === stopOn) return v;
    }
    return final === MISSING ? v : final;
  }

  private evalCall(dot: unknown, fn: TemplateFunction, node: Located, name: string, args: readonly Operand[], final: Final): unknown {
    const count = args.length - 1 + (final === MISSING ? 0 : 1);
    const arity = arityOf(fn);
    if (arity && (count < arity.min || count > arity.max)) {
      const want = arity.max === arity.min ? `${arity.min}` : `at least ${arity.min}`;
      this.fail(node, `wrong number of args for ${name}: want ${want} got ${count}`);
    }
    const values = args.slice(1).map((a) => this.evalArg(dot, a));
    if (final !== MISSING) values.push(final);
    try {
      return fn(...values.map((v) => (v === undefined ? null : v)));
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      return this.fail(node, `error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** Go's ErrorContext text for a node. */
function contextOf(node: Located): string {
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
