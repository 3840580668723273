import { describe, expect, it } from 'vitest';
import type { ShardRequestMessage } from '../../../functions/contracts/shard-messages.ts';
import { sessionShard } from '../../../functions/domain/session/session-identity.ts';
import { replyQueueName } from '../../../functions/resources/queue-definitions.ts';
import {
  deploymentReplyQueues,
  refusalOf,
} from '../../../functions/worker/shard-message-boundary.ts';

const BASE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/';
const PREFIX = '1a2b3c4d-WaContactProfile-Api-reply-';
const REPLY = `${BASE}${replyQueueName(PREFIX, '0f8fad5b-d9cb-469f-a165-70867728950e')}`;
const isReplyQueue = deploymentReplyQueues({
  requestQueueUrls: [`${BASE}WaContactProfile-Data-ProfileRequestsShard0-AbC`, `${BASE}Shard1-XyZ`],
  replyQueueNamePrefix: PREFIX,
});

/** A tenant and user on shard `shard` of two. */
function identityOnShard(shard: number) {
  for (let n = 0; ; n++) {
    const identity = { tenantId: 'acme', userId: `user-${n}` };
    if (sessionShard(identity, 2) === shard) return identity;
  }
}

function lookup(overrides: Partial<ShardRequestMessage> = {}): ShardRequestMessage {
  return {
    kind: 'profile-lookup',
    version: 1,
    correlationId: 'corr-1',
    deadline: 0,
    ...identityOnShard(0),
    contact: { kind: 'jid', jid: '5511999999999@s.whatsapp.net' },
    refresh: false,
    replyQueueUrl: REPLY,
    ...overrides,
  } as ShardRequestMessage;
}

describe('deploymentReplyQueues', () => {
  it("accepts a reply queue of the deployment's prefix in the request queues' account", () => {
    expect(isReplyQueue(REPLY)).toBe(true);
  });

  it('refuses queues of another prefix, account, region or host, and names with more after them', () => {
    const name = REPLY.slice(BASE.length);

    expect(isReplyQueue(`${BASE}ffffffff-Other-reply-0f8fad5bd9cb469fa16570867728950e`)).toBe(
      false,
    );
    expect(isReplyQueue(`https://sqs.eu-west-1.amazonaws.com/999999999999/${name}`)).toBe(false);
    expect(isReplyQueue(`https://sqs.us-east-1.amazonaws.com/123456789012/${name}`)).toBe(false);
    expect(isReplyQueue(`https://attacker.example/123456789012/${name}`)).toBe(false);
    expect(isReplyQueue(`${REPLY}/../x`)).toBe(false);
    expect(isReplyQueue(`${BASE}${PREFIX}anything`)).toBe(false);
  });

  it('refuses request queues of more than one account or region', () => {
    expect(() =>
      deploymentReplyQueues({
        requestQueueUrls: [`${BASE}a`, 'https://sqs.us-east-1.amazonaws.com/123456789012/b'],
        replyQueueNamePrefix: PREFIX,
      }),
    ).toThrow(/one account and region/);
  });
});

describe('refusalOf', () => {
  const boundary = { shardCount: 2, isReplyQueue };

  it('lets a lookup of the queue’s shard with a reply queue of the deployment through', () => {
    expect(refusalOf(lookup(), { shard: 0, carries: 'lookups' }, boundary)).toBeUndefined();
  });

  it('refuses a session of another shard than the queue’s', () => {
    const elsewhere = lookup(identityOnShard(1));

    expect(refusalOf(elsewhere, { shard: 0, carries: 'lookups' }, boundary)).toMatch(
      /another shard/,
    );
  });

  it('refuses a reply queue that is not one of the deployment’s', () => {
    const forged = lookup({ replyQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/999999999999/q' });

    expect(refusalOf(forged, { shard: 0, carries: 'lookups' }, boundary)).toMatch(/reply queue/);
  });

  it('refuses a session command on a request queue, and a lookup on a command queue', () => {
    const logout = {
      kind: 'logout-session',
      version: 1,
      correlationId: 'corr-1',
      deadline: 0,
      ...identityOnShard(0),
      replyQueueUrl: REPLY,
    } as const;

    expect(refusalOf(logout, { shard: 0, carries: 'lookups' }, boundary)).toMatch(
      /session command on a request queue/,
    );
    expect(refusalOf(logout, { shard: 0, carries: 'session-commands' }, boundary)).toBeUndefined();
    expect(refusalOf(lookup(), { shard: 0, carries: 'session-commands' }, boundary)).toMatch(
      /lookup on a session-command queue/,
    );
  });
});
