import { describe, expect, it } from 'vitest';
import { DynamoDbSessionCacheEraser } from '../../../functions/adapters/dynamodb-session-cache-eraser.ts';
import type { ContactQuery } from '../../../functions/domain/contact/contact-query.ts';
import { profileCacheOn } from '../../support/aws/cache-tables.ts';
import { useEmbeddedAws } from '../../support/aws/embedded-aws.ts';
import { plainProfile } from '../../support/contacts/seed-profile.ts';

const ALICE = { tenantId: 'acme', userId: 'alice' };
const BOB = { tenantId: 'acme', userId: 'bob' };

function contact(index: number): ContactQuery & { kind: 'jid' } {
  return { kind: 'jid', jid: `55119${String(index).padStart(8, '0')}@s.whatsapp.net` };
}

describe('DynamoDbSessionCacheEraser (dynalite)', () => {
  const aws = useEmbeddedAws();
  const cache = () => profileCacheOn(aws, 3600);
  const eraser = () =>
    new DynamoDbSessionCacheEraser({
      client: aws.dynamoDb,
      tableName: aws.resources.cacheTableName,
    });

  it('deletes every cached entry of the session, past one batch of 25, and counts them', async () => {
    // prepare
    const now = Date.now();
    for (let index = 0; index < 30; index++) {
      const each = contact(index);
      await cache().put(ALICE, each, plainProfile(each.jid, `status ${index}`), now);
    }

    // act
    const deleted = await eraser().deleteSession(ALICE);

    // assert
    expect(deleted).toBe(30);
    expect(await cache().get(ALICE, contact(0))).toBeNull();
    expect(await cache().get(ALICE, contact(29))).toBeNull();
  });

  it('leaves another user’s cache of the same contact alone', async () => {
    // prepare
    const now = Date.now();
    const shared = contact(100);
    await cache().put(ALICE, shared, plainProfile(shared.jid, 'alice sees'), now);
    await cache().put(BOB, shared, plainProfile(shared.jid, 'bob sees'), now);

    // act
    await eraser().deleteSession(ALICE);

    // assert
    expect(await cache().get(ALICE, shared)).toBeNull();
    expect(await cache().get(BOB, shared)).not.toBeNull();
  });

  it('deletes nothing, and says so, for a session with nothing cached', async () => {
    expect(await eraser().deleteSession({ tenantId: 'acme', userId: 'nobody' })).toBe(0);
  });
});
