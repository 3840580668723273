import { type BinaryNode, proto } from 'baileys';
import { describe, expect, it } from 'vitest';
import {
  readNotification,
  readVerifiedNameChange,
} from '../../../functions/whatsapp/contact-change-notifications.ts';

const JID = '5511988887777@s.whatsapp.net';

const notification = (type: string, content: BinaryNode[], from = JID): BinaryNode => ({
  tag: 'notification',
  attrs: { from, type, id: '3000000001', t: '1796700000' },
  content,
});

const certificate = (name: string) =>
  proto.VerifiedNameCertificate.encode({
    details: proto.VerifiedNameCertificate.Details.encode({
      serial: 7,
      issuer: 'smb:wa',
      verifiedName: name,
    }).finish(),
    signature: new Uint8Array([1, 2, 3]),
  }).finish();

describe('readNotification', () => {
  it('reads a new picture from <set jid id>, the contact named by the child as whatsmeow reads it', () => {
    const node = notification(
      'picture',
      [
        {
          tag: 'set',
          attrs: { jid: '5511911112222@s.whatsapp.net', id: '1700000777', author: JID },
        },
      ],
      's.whatsapp.net',
    );

    expect(readNotification(node)).toEqual({
      kind: 'changes',
      type: 'picture',
      changes: [
        {
          jids: ['5511911112222@s.whatsapp.net'],
          fields: ['PictureID'],
          values: { PictureID: '1700000777' },
        },
      ],
    });
  });

  it('reads <delete jid> as a removed picture, and each child of one notification on its own', () => {
    const node = notification('picture', [
      { tag: 'delete', attrs: { jid: JID } },
      { tag: 'add', attrs: { jid: '123456789@lid', id: '42' } },
    ]);

    expect(readNotification(node)).toMatchObject({
      changes: [
        { jids: [JID], values: { PictureID: '' } },
        { jids: ['123456789@lid'], values: { PictureID: '42' } },
      ],
    });
  });

  it('skips a group picture (no contact of a directory reader), changing nothing', () => {
    const node = notification(
      'picture',
      [{ tag: 'set', attrs: { jid: '120363000000000001@g.us', id: '9' } }],
      '120363000000000001@g.us',
    );

    expect(readNotification(node)).toEqual({ kind: 'not-a-contact-change', type: 'picture' });
  });

  it('calls a picture set without an id malformed (whatsmeow skips it)', () => {
    const node = notification('picture', [{ tag: 'set', attrs: { jid: JID, hash: 'abc' } }]);

    expect(readNotification(node)).toMatchObject({ kind: 'malformed', type: 'picture' });
  });

  it("reads the sender's new about text from the bytes of <set>", () => {
    const node = notification('status', [
      { tag: 'set', attrs: {}, content: Buffer.from('Gone fishing 🎣') },
    ]);

    expect(readNotification(node)).toEqual({
      kind: 'changes',
      type: 'status',
      changes: [{ jids: [JID], fields: ['Status'], values: { Status: 'Gone fishing 🎣' } }],
    });
  });

  it('calls a status notification without <set>, or with an empty one, malformed', () => {
    expect(readNotification(notification('status', []))).toEqual({
      kind: 'malformed',
      type: 'status',
      reason: 'no <set> child',
    });
    expect(readNotification(notification('status', [{ tag: 'set', attrs: {} }]))).toMatchObject({
      kind: 'malformed',
      reason: '<set> holds no text',
    });
  });

  it("leaves a group's about or device notification alone, and calls a bad sender malformed", () => {
    const set = [{ tag: 'set', attrs: {}, content: Buffer.from('x') }];

    expect(readNotification(notification('status', set, '120363000000000001@g.us'))).toEqual({
      kind: 'not-a-contact-change',
      type: 'status',
    });
    expect(readNotification(notification('devices', [], 'not-a-jid'))).toEqual({
      kind: 'malformed',
      type: 'devices',
      reason: 'the sender is not a user JID',
    });
  });

  it('reads a device list change as Devices, with the LID WhatsApp names beside the sender', () => {
    const node = notification('devices', [
      {
        tag: 'remove',
        attrs: { device_hash: '2:abc' },
        content: [{ tag: 'device', attrs: { jid: '5511988887777:4@s.whatsapp.net' } }],
      },
    ]);
    node.attrs.lid = '99887766@lid';

    expect(readNotification(node)).toEqual({
      kind: 'changes',
      type: 'devices',
      changes: [{ jids: [JID, '99887766@lid'], fields: ['Devices'], values: {} }],
    });
  });

  it('calls a device list notification without add, remove or update malformed', () => {
    expect(readNotification(notification('devices', [{ tag: 'other', attrs: {} }]))).toMatchObject({
      kind: 'malformed',
      type: 'devices',
    });
  });

  it('leaves the types Baileys handles alone, and names the ones nobody reads unknown', () => {
    expect(readNotification(notification('encrypt', []))).toEqual({
      kind: 'not-a-contact-change',
      type: 'encrypt',
    });
    expect(readNotification(notification('business', []))).toEqual({
      kind: 'unknown',
      type: 'business',
    });
  });

  it('calls a notification without a type malformed', () => {
    expect(readNotification({ tag: 'notification', attrs: { from: JID } })).toMatchObject({
      kind: 'malformed',
    });
  });
});

describe('readVerifiedNameChange', () => {
  const message = (attrs: Record<string, string>, name: string): BinaryNode => ({
    tag: 'message',
    attrs: { id: '3EB0AA', type: 'text', t: '1796700000', ...attrs },
    content: [
      { tag: 'verified_name', attrs: { v: '1' }, content: certificate(name) },
      { tag: 'enc', attrs: { v: '2', type: 'msg' }, content: new Uint8Array(8) },
    ],
  });

  it("reads the sender's verified name, as a lookup serves it, with its phone-number JID beside its LID", () => {
    const change = readVerifiedNameChange(
      message({ from: '99887766@lid', sender_pn: JID }, 'Acme Ltd'),
    );

    expect(change).toMatchObject({
      jids: ['99887766@lid', JID],
      fields: ['VerifiedName'],
      values: { VerifiedName: { Details: { verifiedName: 'Acme Ltd', serial: '7' } } },
    });
  });

  it('reads nothing from a message without a name, or from a group', () => {
    expect(readVerifiedNameChange(message({ from: JID }, ''))).toBeUndefined();
    expect(
      readVerifiedNameChange(
        message({ from: '120363000000000001@g.us', participant: JID }, 'Acme'),
      ),
    ).toBeUndefined();
  });

  it('throws on a certificate that does not decode (the caller logs it)', () => {
    const node: BinaryNode = {
      tag: 'message',
      attrs: { from: JID, id: '1' },
      content: [{ tag: 'verified_name', attrs: {}, content: new Uint8Array([0xff, 0xff, 0xff]) }],
    };

    expect(() => readVerifiedNameChange(node)).toThrow();
  });
});
