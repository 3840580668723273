import { assertNodeErrorFree, type BinaryNode, decodeBinaryNode, encodeBinaryNode } from 'baileys';

/**
 * A reply as Baileys' `socket.query` hands it to the worker: through WhatsApp's binary codec
 * (text content becomes bytes, JIDs the codec's), then Baileys' own `assertNodeErrorFree`, which
 * throws its Boom error (`data` = the code) for any reply with an `<error>` child. Unit fakes
 * answer through this, so a fixture of a refused IQ reaches the code as Baileys delivers it: a
 * thrown error, never a returned node.
 */
export async function handedOverByBaileys(node: BinaryNode): Promise<BinaryNode> {
  const received = await decodeBinaryNode(encodeBinaryNode(node));
  assertNodeErrorFree(received);
  return received;
}
