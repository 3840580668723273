import { describe, expect, it } from 'vitest';
import { $ZodError } from 'zod/v4/core';
import { parseDirectProfileEvent } from '../../../../functions/contacts/direct/direct-profile-event.ts';
import { ValidationError } from '../../../../functions/domain/errors/app-errors.ts';

const JID = '5511999999999@s.whatsapp.net';

describe('parseDirectProfileEvent', () => {
  it('reads one contact of a direct invocation', () => {
    // act
    const event = parseDirectProfileEvent({ tenantId: 'acme', userId: 'alice', jid: JID });

    // assert
    expect(event).toEqual({ kind: 'one', tenantId: 'acme', userId: 'alice', jid: JID });
  });

  it('reads the batch when the event names contacts, leaving each entry to its own check', () => {
    // act
    const event = parseDirectProfileEvent({
      tenantId: 'acme',
      userId: 'alice',
      contacts: [{ jid: JID }, { nonsense: true }],
      refresh: true,
    });

    // assert
    expect(event).toEqual({
      kind: 'many',
      tenantId: 'acme',
      userId: 'alice',
      contacts: [{ jid: JID }, { nonsense: true }],
      refresh: true,
    });
  });

  it('unwraps the detail of an EventBridge event', () => {
    // prepare
    const received = {
      'detail-type': 'ProfileRequested',
      source: 'crm',
      detail: { tenantId: 'acme', userId: 'alice', number: '+55 11 99999-9999' },
    };

    // act
    const event = parseDirectProfileEvent(received);

    // assert
    expect(event).toMatchObject({ kind: 'one', tenantId: 'acme', userId: 'alice' });
  });

  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['an event without a tenant', { userId: 'alice', jid: JID }],
    ['an EventBridge event whose detail has no tenant', { 'detail-type': 'x', detail: {} }],
  ])('refuses %s with the shapes it accepts', (_case, received) => {
    // act
    const act = () => parseDirectProfileEvent(received);

    // assert
    expect(act).toThrow(ValidationError);
    expect(act).toThrow(/send \{"tenantId","userId","jid"\|"number"\}/);
  });

  it('refuses a tenant that is not an identifier', () => {
    expect(() => parseDirectProfileEvent({ tenantId: 'a b', userId: 'alice', jid: JID })).toThrow(
      $ZodError,
    );
  });

  it('refuses refresh given as text, since the direct event is JSON', () => {
    expect(() =>
      parseDirectProfileEvent({ tenantId: 'acme', userId: 'alice', jid: JID, refresh: 'true' }),
    ).toThrow($ZodError);
  });
});
