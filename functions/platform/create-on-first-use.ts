/**
 * A client created on its first use rather than at start: for a client that only some requests
 * need (the contacts functions' SQS client, on a cache miss), so a cold start that is a cache
 * hit does not build it.
 */
export function createOnFirstUse<Client extends object>(create: () => Client): Client {
  let client: Client | undefined;
  return new Proxy({} as Client, {
    get(_target, property) {
      client ??= create();
      const value: unknown = Reflect.get(client, property, client);
      return typeof value === 'function' ? value.bind(client) : value;
    },
  });
}
