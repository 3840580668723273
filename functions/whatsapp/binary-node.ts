import type { BinaryNode } from 'baileys';

/**
 * Small readers over WhatsApp's binary stanza nodes. Content decoded from the wire is bytes,
 * content built in memory may be a string: every reader accepts both, so parsers behave the
 * same on fixtures and on real traffic.
 */
export type { BinaryNode };

export function childNodes(node: BinaryNode | undefined): BinaryNode[] {
  return node && Array.isArray(node.content) ? node.content : [];
}

export function childNode(node: BinaryNode | undefined, tag: string): BinaryNode | undefined {
  return childNodes(node).find((child) => child.tag === tag);
}

export function childrenByTag(node: BinaryNode | undefined, tag: string): BinaryNode[] {
  return childNodes(node).filter((child) => child.tag === tag);
}

/** Text content of a node ('' when it has none or holds children). */
export function nodeText(node: BinaryNode | undefined): string {
  const content = node?.content;
  if (typeof content === 'string') return content;
  if (content instanceof Uint8Array) return Buffer.from(content).toString('utf8');
  return '';
}

/** Byte content of a node; undefined when it has none. */
export function nodeBytes(node: BinaryNode | undefined): Uint8Array | undefined {
  const content = node?.content;
  if (content instanceof Uint8Array) return content;
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  return undefined;
}

export interface StanzaError {
  code: number;
  text: string;
}

/**
 * The error a node reports, in either form WhatsApp uses: an `<error code text/>` child, or a
 * `code` attribute on the node itself (e.g. `<status code="401"/>`).
 */
export function stanzaError(node: BinaryNode | undefined): StanzaError | undefined {
  if (!node) return undefined;
  const errorChild = childNode(node, 'error');
  if (errorChild) {
    return { code: Number(errorChild.attrs.code ?? 0), text: errorChild.attrs.text ?? '' };
  }
  const code = node.attrs.code;
  if (code !== undefined && code !== '' && code !== '200') {
    return { code: Number(code), text: node.attrs.text ?? '' };
  }
  return undefined;
}
