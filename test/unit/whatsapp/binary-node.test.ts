import { describe, expect, it } from 'vitest';
import {
  type BinaryNode,
  childNode,
  childrenByTag,
  nodeBytes,
  nodeText,
  stanzaError,
} from '../../../functions/whatsapp/binary-node.ts';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('binary node readers', () => {
  it('read text and bytes alike whether the content came off the wire or was built in memory', () => {
    const wire: BinaryNode = { tag: 'status', attrs: {}, content: bytes('hey there') };
    const built: BinaryNode = { tag: 'status', attrs: {}, content: 'hey there' };

    expect(nodeText(wire)).toBe('hey there');
    expect(nodeText(built)).toBe('hey there');
    expect(Buffer.from(nodeBytes(built) ?? []).toString('utf8')).toBe('hey there');
    expect(nodeText({ tag: 'list', attrs: {}, content: [] })).toBe('');
    expect(nodeBytes({ tag: 'empty', attrs: {} })).toBeUndefined();
  });

  it('find children by tag, and none under a node without children', () => {
    const user = { tag: 'user', attrs: {} };
    const list: BinaryNode = {
      tag: 'list',
      attrs: {},
      content: [user, user, { tag: 'x', attrs: {} }],
    };

    expect(childrenByTag(list, 'user')).toHaveLength(2);
    expect(childNode(list, 'x')?.tag).toBe('x');
    expect(childNode({ tag: 'status', attrs: {}, content: 'text' }, 'user')).toBeUndefined();
    expect(childrenByTag(undefined, 'user')).toEqual([]);
  });
});

describe('stanzaError', () => {
  it('reads an <error> child, or a code attribute other than 200 on the node itself', () => {
    const withChild: BinaryNode = {
      tag: 'iq',
      attrs: {},
      content: [{ tag: 'error', attrs: { code: '429', text: 'rate-overlimit' } }],
    };

    expect(stanzaError(withChild)).toEqual({ code: 429, text: 'rate-overlimit' });
    expect(stanzaError({ tag: 'status', attrs: { code: '401' } })).toEqual({ code: 401, text: '' });
    expect(stanzaError({ tag: 'status', attrs: { code: '200' } })).toBeUndefined();
    expect(stanzaError({ tag: 'status', attrs: {} })).toBeUndefined();
    expect(stanzaError(undefined)).toBeUndefined();
  });
});
