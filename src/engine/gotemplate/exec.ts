import { type BranchNode, type Node, nodeString, type PipeNode, type TemplateNode, type Tree } from './ast';
import { isTrue, type TemplateFunction } from './builtins';
import { Evaluator } from './eval';
import { formatValue, isMap, isStruct, printableText, sortedKeys } from './format';
import { MAX_OUTPUT, MAX_TEMPLATE_DEPTH } from './limits';
import { GoPointer, markOf } from './values';

const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

/**
 * Runs `tree` on `data`. Values follow Go's model: undefined is "no value" (a missing map key),
 * null is nil, plain objects are maps, GoStruct and GoPointer (values.ts) are typed structs and
 * pointers, other class instances are structs whose functions are methods.
 */
export function execute(tree: Tree, trees: ReadonlyMap<string, Tree>, funcs: ReadonlyMap<string, TemplateFunction>, data: unknown): string {
  const state = new State(trees, funcs, tree, data);
  state.walk(data, tree.root);
  return state.out.join('');
}

/** Go's statement walk: text, actions, if/with/range, template calls, and the output they write. */
class State extends Evaluator {
  readonly out: string[] = [];
  private outLength = 0;
  private depth = 0;

  constructor(
    private readonly trees: ReadonlyMap<string, Tree>,
    funcs: ReadonlyMap<string, TemplateFunction>,
    tree: Tree,
    data: unknown,
  ) {
    super(funcs, tree, data);
  }

  // ---- statements

  walk(dot: unknown, node: Node): void {
    this.at = node;
    // Text and lists cost nothing of their own: counting actions keeps limit errors on a named action.
    if (node.kind !== 'text' && node.kind !== 'list') this.step(node);
    switch (node.kind) {
      case 'text':
        this.write(node, node.text);
        return;
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.write(node, this.printable(node, value));
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

  private write(node: Node, text: string): void {
    this.outLength += text.length;
    if (this.outLength > MAX_OUTPUT) this.fail(node, `template output exceeds the limit of ${MAX_OUTPUT} characters`);
    this.out.push(text);
  }

  private printable(node: Node, v: unknown): string {
    if (typeof v === 'function') this.fail(node, `can't print ${nodeString((node as { pipe: PipeNode }).pipe)} of type func`);
    return printableText(v);
  }

  private walkIfOrWith(dot: unknown, node: BranchNode): void {
    const mark = this.vars.length;
    const value = this.evalPipeline(dot, node.pipe);
    if (!isTrue(value)) {
      if (node.elseList) this.walk(dot, node.elseList);
    } else if (node.kind === 'with') {
      this.withDot(undefined, () => this.walk(value, node.list));
    } else {
      this.walk(dot, node.list);
    }
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
    const slot = (Array.isArray(value) || isMap(value)) && !markOf(value) ? 'interface {}' : undefined;
    const iterate = (key: unknown, elem: unknown): void => {
      iterations++;
      this.step(node);
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
        this.withDot(slot, () => this.walk(elem, node.list));
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
        this.fail(at, `range can't iterate over ${formatValue(value instanceof GoPointer ? (value.elem ?? null) : value)}`);
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
      this.withDot(undefined, () => this.walk(newDot, tree.root));
    } finally {
      this.depth--;
      this.tree = saved.tree;
      this.vars = saved.vars;
    }
  }

  private withDot(slot: string | undefined, run: () => void): void {
    const outer = this.dotSlot;
    this.dotSlot = slot;
    try {
      run();
    } finally {
      this.dotSlot = outer;
    }
  }
}
