import { readFileSync } from 'node:fs';
import { decodeBinaryNode, encodeBinaryNode } from 'baileys';
import type { BinaryNode } from '../../../functions/whatsapp/binary-node.ts';

const FIXTURES = new URL('./stanzas/', import.meta.url);

type FixtureNode = {
  tag: string;
  attrs: Record<string, string>;
  content?: FixtureNode[] | string | { base64: string };
};

function toBinaryNode(node: FixtureNode): BinaryNode {
  const { content } = node;
  if (content === undefined) return { tag: node.tag, attrs: node.attrs };
  if (typeof content === 'string') return { tag: node.tag, attrs: node.attrs, content };
  if (Array.isArray(content)) {
    return { tag: node.tag, attrs: node.attrs, content: content.map(toBinaryNode) };
  }
  return { tag: node.tag, attrs: node.attrs, content: Buffer.from(content.base64, 'base64') };
}

/** A fixture stanza as written (string content stays a string). */
export function fixtureNode(name: string): BinaryNode {
  const file = JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as { stanza: FixtureNode };
  return toBinaryNode(file.stanza);
}

/**
 * A fixture stanza as it arrives from WhatsApp: encoded with WhatsApp's binary XML codec and
 * decoded again, so text content is bytes and JIDs are the codec's, exactly as on the wire.
 */
export async function wireFixture(name: string): Promise<BinaryNode> {
  return decodeBinaryNode(encodeBinaryNode(fixtureNode(name)));
}

/** The bytes a node becomes on the wire: compares built stanzas with fixtures. */
export function wireBytes(node: BinaryNode): string {
  return encodeBinaryNode(node).toString('hex');
}
