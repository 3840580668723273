import { describe, expect, it } from 'vitest';
import { createSetWebhook } from '../../../../functions/admin-api/set-webhook/set-webhook.ts';
import { ValidationError } from '../../../../functions/domain/errors/app-errors.ts';
import {
  InMemoryWebhookStore,
  taggingSealer,
} from '../../../support/webhooks/in-memory-webhook-ports.ts';

function setup(addresses: string[]) {
  const webhooks = new InMemoryWebhookStore();
  const setWebhook = createSetWebhook({
    webhooks,
    sealer: taggingSealer,
    policy: { allowLoopbackHttp: false },
    resolve: async () => addresses.map((address) => ({ address, family: 4 })),
  });
  return { webhooks, setWebhook };
}

describe('setWebhook', () => {
  it('stores the URL with a new whsec_ secret, sealed, and shows the secret once', async () => {
    const { webhooks, setWebhook } = setup(['93.184.215.14']);

    const answer = await setWebhook('acme', { url: 'https://hooks.example.com/wa' });

    expect(answer).toEqual({
      url: 'https://hooks.example.com/wa',
      events: ['session.status', 'contact.changed'],
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    const stored = await webhooks.get('acme');
    expect(stored?.sealedSecret).toBe(`sealed:acme:${answer.secret}`);
  });

  it('subscribes to the events named, and only those', async () => {
    const { setWebhook } = setup(['93.184.215.14']);

    const answer = await setWebhook('acme', {
      url: 'https://hooks.example.com/wa',
      events: ['contact.changed'],
    });

    expect(answer.events).toEqual(['contact.changed']);
  });

  it('gives a new secret on every set (rotation)', async () => {
    const { setWebhook } = setup(['93.184.215.14']);

    const first = await setWebhook('acme', { url: 'https://hooks.example.com/wa' });
    const second = await setWebhook('acme', { url: 'https://hooks.example.com/wa' });

    expect(second.secret).not.toBe(first.secret);
  });

  it('refuses a host that resolves to a private address, storing nothing', async () => {
    const { webhooks, setWebhook } = setup(['10.20.30.40']);

    await expect(
      setWebhook('acme', { url: 'https://internal.example.com/wa' }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await webhooks.get('acme')).toBeNull();
  });
});
