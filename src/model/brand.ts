/**
 * Type checks that work across copies of this library. A project can load two copies (its own dependency and
 * one bundled by a construct library), and `instanceof` is false between their classes. A brand is a property
 * keyed by a registered symbol (`Symbol.for`), which is the same in every copy: the pattern cdk8s uses for
 * `ApiObject.isApiObject`. No library offers it; it is two functions.
 */

function key(name: string): symbol {
  return Symbol.for(`cdk8s-istio.${name}`);
}

/** Marks every instance of `type` (and of its subclasses) with the brands `names`. */
export function brand(type: { readonly prototype: object }, ...names: string[]): void {
  for (const name of names) Object.defineProperty(type.prototype, key(name), { value: true });
}

/** True when `x` carries the brand `name`, whichever copy of the library made it. */
export function hasBrand(x: unknown, name: string): boolean {
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[key(name)] === true;
}
