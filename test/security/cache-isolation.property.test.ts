import { ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGetContactProfile } from '../../functions/contacts/get-profile/get-contact-profile.ts';
import type { ContactQuery } from '../../functions/domain/contact/contact-query.ts';
import { UpstreamTimeoutError } from '../../functions/domain/errors/app-errors.ts';
import {
  type SessionIdentity,
  sessionKey,
} from '../../functions/domain/session/session-identity.ts';
import type { ProfileWorkerClient } from '../../functions/ports/worker-client.ts';
import { profileCacheOn } from '../support/aws/cache-tables.ts';
import { useEmbeddedAws } from '../support/aws/embedded-aws.ts';

/**
 * One user never receives another user's cached data: the real cache adapter on dynalite and the
 * real use case, with a live lookup that stamps every profile with the user it was fetched for.
 * Random sequences of reads, refreshes and identities (including near-identical ones) must only
 * ever serve a user what was fetched for that user.
 */

/** Identities that differ only slightly: case, separators, prefixes of each other. */
const identityArbitrary: fc.Arbitrary<SessionIdentity> = fc.record({
  tenantId: fc.constantFrom('acme', 'Acme', 'acme-', 'acm', 'acme.x', 'globex'),
  userId: fc.constantFrom('alice', 'Alice', 'alice_', 'al', 'bob', 'a.b', 'a-b'),
});

const contactArbitrary: fc.Arbitrary<ContactQuery> = fc.oneof(
  fc.constantFrom('5511999999999', '14155550123', '447911123456').map((digits) => ({
    kind: 'number' as const,
    digits,
  })),
  fc
    .constantFrom('5511999999999@s.whatsapp.net', '14155550123@s.whatsapp.net', '1@lid')
    .map((jid) => ({ kind: 'jid' as const, jid })),
);

const operationArbitrary = fc.record({
  identity: identityArbitrary,
  contact: contactArbitrary,
  refresh: fc.boolean(),
  fail: fc.boolean(),
});

function owner(identity: SessionIdentity): string {
  return `fetched for ${sessionKey(identity)}`;
}

describe('profile cache isolation between users (property, dynalite)', () => {
  const aws = useEmbeddedAws();

  it('never serves one user a profile that was fetched for another user', async () => {
    let failNext = false;
    const workerClient: ProfileWorkerClient = {
      // A live lookup that stamps the profile with the user it was made for; sometimes it
      // fails as a timeout would, so stale entries get served too.
      request: async (identity, contact) => {
        if (failNext) throw new UpstreamTimeoutError('timed out');
        const jid = contact.kind === 'jid' ? contact.jid : `${contact.digits}@s.whatsapp.net`;
        const profile = {
          jid,
          user_info: { Status: owner(identity), PictureID: '', Devices: [], VerifiedName: null },
          business_profile: null,
        };
        const fetchedAt = Date.now();
        // The worker writes the cache; the use case only reads it.
        await writer.put(identity, contact, profile, fetchedAt);
        return { profile, fetchedAt };
      },
    };
    const writer = profileCacheOn(aws, 3600);
    const getContactProfile = createGetContactProfile({
      cache: profileCacheOn(aws, 0),
      workerClient,
      // Zero freshness would make every read live; a second keeps HIT, MISS and STALE in play.
      freshSeconds: 1,
      staleFallbackAfterMs: 1_000,
    });
    const statuses = new Set<string>();

    await fc.assert(
      fc.asyncProperty(
        fc.array(operationArbitrary, { minLength: 1, maxLength: 15 }),
        async (ops) => {
          for (const op of ops) {
            failNext = op.fail;
            let result: Awaited<ReturnType<typeof getContactProfile>>;
            try {
              result = await getContactProfile({
                identity: op.identity,
                contact: op.contact,
                refresh: op.refresh,
                deadline: Date.now() + 1_000,
              });
            } catch {
              continue; // no entry of this user to fall back on: nothing was served
            }
            statuses.add(result.cacheStatus);

            expect(JSON.parse(result.profileJson).user_info.Status).toBe(owner(op.identity));
          }
        },
      ),
      { numRuns: 40 },
    );
    // Every way of serving was exercised, so the property is not vacuous.
    expect([...statuses].sort()).toEqual(['HIT', 'MISS', 'STALE']);

    // At rest, each item lives under the key of the user it was fetched for.
    const items = await aws.dynamoDb.send(
      new ScanCommand({ TableName: aws.resources.cacheTableName }),
    );
    expect(items.Items?.length).toBeGreaterThan(0);
    for (const item of items.Items ?? []) {
      const status = JSON.parse(item.data?.S ?? '{}').user_info.Status;
      expect(status).toBe(`fetched for ${item.sessionKey?.S}`);
    }
  });
});
