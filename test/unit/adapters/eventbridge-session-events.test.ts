import type { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it, vi } from 'vitest';
import { EventBridgeSessionEvents } from '../../../functions/adapters/eventbridge-session-events.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';

const CHANGE = {
  tenant: 'acme',
  user: 'alice',
  jid: '5511988887777@s.whatsapp.net',
  changed: ['PictureID' as const],
  user_info: { PictureID: '1700000777' },
};

function clientAnswering(answer: () => Promise<unknown>) {
  const sent: PutEventsCommand[] = [];
  const client = {
    send: async (command: PutEventsCommand) => {
      sent.push(command);
      return answer();
    },
  } as unknown as EventBridgeClient;
  return { client, sent };
}

describe('EventBridgeSessionEvents', () => {
  it('puts a contact.changed event on the bus, its data as the detail', async () => {
    const { client, sent } = clientAnswering(async () => ({ FailedEntryCount: 0 }));
    const events = new EventBridgeSessionEvents({ client, busName: 'bus', logger: silentLogger() });

    await events.publishContactChanged(CHANGE);

    expect(sent[0]?.input.Entries?.[0]).toMatchObject({
      EventBusName: 'bus',
      Source: 'wa-contact-profile',
      DetailType: 'contact.changed',
      Detail: JSON.stringify(CHANGE),
    });
  });

  it('logs an entry the bus refused, without the contact, and never throws', async () => {
    const { client } = clientAnswering(async () => ({
      FailedEntryCount: 1,
      Entries: [{ ErrorMessage: 'throttled' }],
    }));
    const logger = silentLogger();
    const error = vi.spyOn(logger, 'error');
    const events = new EventBridgeSessionEvents({ client, busName: 'bus', logger });

    await events.publishContactChanged(CHANGE);

    expect(error).toHaveBeenCalledWith('event not published', {
      eventType: 'contact.changed',
      changed: ['PictureID'],
      errorMessage: 'throttled',
    });
    expect(JSON.stringify(error.mock.calls)).not.toContain('5511988887777');
  });
});
