/**
 * A value created on its first use and the same one ever after: how a Lambda module holds an
 * SDK client (or what wraps one) that only some requests need. Still one per module, as every
 * client is, but a cold start whose first request never needs it does not pay for it.
 */
export function onFirstUse<Value>(create: () => Value): () => Value {
  let created: { value: Value } | undefined;
  return () => {
    created ??= { value: create() };
    return created.value;
  };
}
