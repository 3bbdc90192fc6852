import {
  type ChainNode,
  type CommandNode,
  errorContext,
  type FieldNode,
  type IdentifierNode,
  type Node,
  type NumberNode,
  nodeString,
  type Operand,
  type PipeNode,
  type Tree,
  type VariableNode,
} from './ast';
import { arityOf, BUILTINS, callFunction, isTrue, signatureOf, type TemplateFunction } from './builtins';
import { TemplateError } from './errors';
import { FieldError, member } from './fields';
import { isMap, isStruct } from './format';
import { MAX_OUTPUT, MAX_STEPS } from './limits';
import { ArgumentError, canBeNil, checkArgument, literalArgument, nilArgument } from './typecheck';
import { markOf } from './values';

/** "No pipeline value passed on" — distinct from undefined, which is Go's invalid (missing) value. */
export const MISSING: unique symbol = Symbol('missing');
/** A value passed down a pipeline, or MISSING in its first command. */
export type Final = unknown;

interface Variable {
  readonly name: string;
  value: unknown;
}

export type Located = Operand | CommandNode | Node;

/**
 * Go's expression evaluation (evalPipeline, evalCommand, evalArg, evalField, evalCall): what an
 * execution state needs below the statements that exec.ts walks.
 */
export class Evaluator {
  protected vars: Variable[];
  private steps = 0;
  /** The node Go's state is "at": where argument type errors are reported. */
  protected at: Located | undefined;
  /**
   * Go's static type of dot when it is an element read from an interface{} slot (ranging over an
   * untyped list or map), which Go names in field errors instead of the element's own type.
   */
  protected dotSlot: string | undefined;

  constructor(
    protected readonly funcs: ReadonlyMap<string, TemplateFunction>,
    protected tree: Tree,
    data: unknown,
  ) {
    this.vars = [{ name: '$', value: data }];
  }

  protected fail(node: Located, reason: string): never {
    const { source } = this.tree;
    const line = source.line(node.pos);
    const message = `template: ${source.name}:${line}:${source.column(node.pos)}: executing "${this.tree.name}" at <${errorContext(node)}>: ${reason}`;
    throw new TemplateError(source.name, line, reason, message);
  }

  /** Counts work done, so a template that would run for hours fails instead (see MAX_STEPS). */
  protected step(node: Located): void {
    if (++this.steps > MAX_STEPS) {
      this.fail(node, `execution took more than ${MAX_STEPS} steps; a range or template call does not end`);
    }
  }

  protected varValue(node: Located, name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    return this.fail(node, `undefined variable: ${name}`);
  }

  protected setVar(node: Located, name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.fail(node, `undefined variable: ${name}`);
  }

  // ---- expressions

  protected evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    this.at = pipe;
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

  protected evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0];
    switch (first.kind) {
      case 'field':
        this.at = first;
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final, this.dotSlot);
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'variable':
        return this.evalVariable(dot, first, cmd.args, final);
      default:
    }
    if (first.kind !== 'pipe') this.at = first;
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'pipe':
        return this.evalPipeline(dot, first);
      case 'number':
        return this.constant(first);
      case 'bool':
      case 'string':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.fail(first, 'nil is not a command');
    }
  }

  protected notAFunction(args: readonly Operand[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.fail(args[0], `can't give argument to non-function ${nodeString(args[0])}`);
  }

  protected evalArg(dot: unknown, n: Operand): unknown {
    this.at = n;
    switch (n.kind) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'number':
        return this.constant(n);
      case 'bool':
      case 'string':
        return n.value;
      case 'field':
        return this.evalFieldChain(dot, dot, n, n.ident, [n], MISSING, this.dotSlot);
      case 'variable':
        return this.evalVariable(dot, n, [n], MISSING);
      case 'pipe':
        return this.evalPipeline(dot, n);
      case 'identifier':
        return this.evalFunction(dot, n, n, [n], MISSING);
      case 'chain':
        return this.evalChain(dot, n, [n], MISSING);
    }
  }

  protected evalChain(dot: unknown, chain: ChainNode, args: readonly Operand[], final: Final): unknown {
    this.at = chain;
    if (chain.node.kind === 'nil') this.fail(chain, `indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.fields, args, final);
  }

  protected evalVariable(dot: unknown, v: VariableNode, args: readonly Operand[], final: Final): unknown {
    this.at = v;
    const value = this.varValue(v, v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  protected evalFieldChain(
    dot: unknown,
    receiver: unknown,
    node: FieldNode | VariableNode | ChainNode,
    ident: readonly string[],
    args: readonly Operand[],
    final: Final,
    slot?: string,
  ): unknown {
    let r = receiver;
    let rSlot = slot;
    for (let i = 0; i < ident.length - 1; i++) {
      const container = r;
      r = this.evalField(dot, ident[i], node, [], MISSING, r, rSlot);
      // An element of an untyped map sits in an interface{} slot, which Go's errors name.
      rSlot = isMap(container) && !isStruct(container) && !markOf(container) ? 'interface {}' : undefined;
    }
    return this.evalField(dot, ident[ident.length - 1], node, args, final, r, rSlot);
  }

  protected evalField(
    dot: unknown,
    name: string,
    node: Located,
    args: readonly Operand[],
    final: Final,
    receiver: unknown,
    slot?: string,
  ): unknown {
    if (receiver === undefined) return undefined;
    let m;
    try {
      m = member(receiver, name, args.length > 1 || final !== MISSING, slot);
    } catch (e) {
      if (e instanceof FieldError) this.fail(node, e.message);
      throw e;
    }
    if (m.kind === 'value') return m.value;
    if (m.results === 0) this.fail(node, `can't call method/function ${JSON.stringify(name)} with 0 results`);
    return this.evalCall(dot, m.fn, node, name, args, final);
  }

  /** `cmd` is the whole command, which Go names when the call itself fails. */
  protected evalFunction(dot: unknown, node: IdentifierNode, cmd: Located, args: readonly Operand[], final: Final): unknown {
    this.at = node;
    const fn = this.funcs.get(node.name);
    if (!fn) return this.fail(node, `"${node.name}" is not a defined function`);
    if (fn === BUILTINS.and || fn === BUILTINS.or) {
      return this.evalLogic(dot, node, args, final);
    }
    return this.evalCall(dot, fn, node, node.name, args, final, cmd);
  }

  /** `and`/`or` evaluate arguments only until the result is known. */
  protected evalLogic(dot: unknown, node: IdentifierNode, args: readonly Operand[], final: Final): unknown {
    // args[0] is the function itself; a method in the middle of a chain gets no args at all.
    const count = Math.max(args.length - 1, 0) + (final === MISSING ? 0 : 1);
    if (count === 0) this.fail(node, `wrong number of args for ${node.name}: want at least 1 got 0`);
    const stopOn = node.name === 'or';
    let v: unknown;
    for (const a of args.slice(1)) {
      v = this.evalArg(dot, a);
      if (isTrue(v) === stopOn) return v;
    }
    return final === MISSING ? v : final;
  }

  protected evalCall(
    dot: unknown,
    fn: TemplateFunction,
    node: Located,
    name: string,
    args: readonly Operand[],
    final: Final,
    callNode: Located = node,
  ): unknown {
    // args[0] is the function itself; a method in the middle of a chain gets no args at all.
    const count = Math.max(args.length - 1, 0) + (final === MISSING ? 0 : 1);
    const arity = arityOf(fn);
    if (arity && (count < arity.min || count > arity.max)) {
      const want = arity.max === arity.min ? `${arity.min}` : `at least ${arity.min}`;
      this.fail(node, `wrong number of args for ${name}: want ${want} got ${count}`);
    }
    const signature = signatureOf(fn);
    const typeOf = (i: number): string | undefined => signature && (i < signature.params.length ? signature.params[i] : signature.variadic);
    const values = args.slice(1).map((a, i) => {
      const type = typeOf(i);
      return type === undefined ? this.evalArg(dot, a) : this.evalTypedArg(dot, a, type);
    });
    if (final !== MISSING) {
      const type = typeOf(values.length);
      values.push(type === undefined ? final : this.checked(this.at ?? callNode, () => checkArgument(final, type)));
    }
    this.step(callNode);
    let result: unknown;
    try {
      result = callFunction(
        fn,
        values.map((v) => (v === undefined ? null : v)),
      );
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      return this.fail(callNode, `error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (typeof result === 'string' && result.length > MAX_OUTPUT) {
      this.fail(callNode, `error calling ${name}: result exceeds the template output limit of ${MAX_OUTPUT} characters`);
    }
    return result;
  }

  /** An argument for a parameter of Go type `type`: literals by their syntax, other values by their type. */
  private evalTypedArg(dot: unknown, n: Operand, type: string): unknown {
    this.at = n;
    switch (n.kind) {
      case 'nil':
        if (!canBeNil(type)) this.fail(n, `cannot assign nil to ${type}`);
        return nilArgument(type);
      case 'number':
        if (n.overflowsInt && type === 'interface {}') this.constant(n);
        if (n.overflowsInt && type.startsWith('int')) this.fail(n, `expected integer; found ${n.text}`);
        return this.checked(n, () => literalArgument(n, nodeString(n), type));
      case 'bool':
      case 'string':
        return this.checked(n, () => literalArgument(n, nodeString(n), type));
      default: {
        const value = this.evalArg(dot, n);
        return this.checked(this.at ?? n, () => checkArgument(value, type));
      }
    }
  }

  /** Runs a type check, reporting its failure at `node` as Go reports it at its current node. */
  private checked(node: Located, check: () => unknown): unknown {
    try {
      return check();
    } catch (e) {
      if (e instanceof ArgumentError) this.fail(node, e.message);
      throw e;
    }
  }

  /** Go's idealConstant: a number literal as an int or float64. */
  private constant(n: NumberNode): number {
    if (n.overflowsInt) this.fail(n, `${n.text} overflows int`);
    return n.value;
  }
}
