/**
 * Collects name/value pairs in a Map (a plain object would treat names such as `__proto__` or
 * `constructor` as its own members) and returns them as API Gateway REST does: single (last
 * value) and multi-valued, as own properties; both null when there are none.
 */
export function singleAndMultiValued(pairs: Iterable<[string, string]>) {
  const collected = new Map<string, string[]>();
  for (const [name, value] of pairs) collected.set(name, [...(collected.get(name) ?? []), value]);
  if (collected.size === 0) return { single: null, multi: null };
  return {
    single: Object.fromEntries([...collected].map(([name, values]) => [name, values.at(-1) ?? ''])),
    multi: Object.fromEntries(collected),
  };
}
