// Bench variant (bench/cold-start-variants.ts): functions/platform/on-first-use.ts as if every
// client were still created at start (the SQS client, the worker client, the session events'
// client), whichever request comes first. Built in place of that file.
export function onFirstUse<Value>(create: () => Value): () => Value {
  const value = create();
  return () => value;
}
