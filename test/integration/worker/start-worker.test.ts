import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhatsAppDirectory } from '../../../functions/ports/whatsapp-directory.ts';
import {
  DEMO_DIRECTORY_FILE,
  OfflineDirectory,
} from '../../../functions/whatsapp/offline-directory.ts';
import { HeldLeases } from '../../../functions/worker/held-leases.ts';
import { ACK, LEAVE, type MessageHandler } from '../../../functions/worker/message-decision.ts';
import { ShardLease } from '../../../functions/worker/shard-lease.ts';
import { ShardOwnership } from '../../../functions/worker/shard-ownership.ts';
import { SqsQueueConsumer } from '../../../functions/worker/sqs-queue-consumer.ts';
import { createShardCallbacks } from '../../../functions/worker/start-worker.ts';
import { DynamoDbTaskPresence } from '../../../functions/worker/task-presence.ts';
import { type EmbeddedAws, startEmbeddedAws } from '../../support/aws/embedded-aws.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';
import { unusedDirectoryMethods } from '../../support/unused-directory-methods.ts';

/**
 * A worker task joins a running one: dynalite holds the leases and presence items, fauxqs the
 * shards' request queues, and each task is wired like the session worker (the shard callbacks
 * startWorker builds). Its directory records when it connects and disconnects a shard's sessions, and
 * answers a lookup only while that shard's sessions are connected here, as a socket would.
 */

const SHARD_COUNT = 4;
// Long enough that no lease expires under a loaded machine: every move here is a hand-over.
const LEASE_DURATION_MS = 6_000;
const RENEW_INTERVAL_MS = 200;
const logger = silentLogger();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let aws: EmbeddedAws;

beforeAll(async () => {
  aws = await startEmbeddedAws({ shardCount: SHARD_COUNT });
});
afterAll(async () => {
  await aws?.stop();
});

/** Who has each shard's sessions connected, across every task, and every breach of "one". */
class ConnectionLog {
  readonly connectedBy = new Map<number, string>();
  readonly doubleConnections: string[] = [];
  readonly fencingTokens = new Map<number, number[]>();

  open(shard: number, worker: string): void {
    const other = this.connectedBy.get(shard);
    if (other !== undefined && other !== worker) {
      this.doubleConnections.push(`shard ${shard}: ${worker} opened while ${other} connected`);
    }
    this.connectedBy.set(shard, worker);
  }

  close(shard: number, worker: string): void {
    if (this.connectedBy.get(shard) === worker) this.connectedBy.delete(shard);
  }

  shardsOf(worker: string): number[] {
    return [...this.connectedBy].filter(([, by]) => by === worker).map(([shard]) => shard);
  }
}

function startTask(
  workerId: string,
  connections: ConnectionLog,
  answers: Map<string, string[]>,
  servedUnconnected: string[],
) {
  const open = new Set<number>();
  const offline = OfflineDirectory.fromFile(DEMO_DIRECTORY_FILE);
  const directory: WhatsAppDirectory = {
    ...unusedDirectoryMethods,
    lookup: async (identity, contact) => (await offline).lookup(identity, contact),
    openShard: async (shard) => {
      open.add(shard);
      connections.open(shard, workerId);
    },
    closeShard: async (shard) => {
      // A socket takes a moment to close; the lease must stay held until it has.
      await sleep(20);
      open.delete(shard);
      connections.close(shard, workerId);
    },
  };
  const handleMessage: MessageHandler = async (message) => {
    const { id, shard } = JSON.parse(message.Body ?? '{}') as { id: string; shard: number };
    // Some work in flight while a hand-over drains the shard's queue.
    await sleep(30);
    if (!open.has(shard)) {
      servedUnconnected.push(`${id} on ${workerId}`);
      return LEAVE;
    }
    await directory.lookup(
      { tenantId: 'acme', userId: 'alice' },
      { kind: 'jid', jid: '5511999999999@s.whatsapp.net' },
      AbortSignal.timeout(1_000),
    );
    answers.set(id, [...(answers.get(id) ?? []), workerId]);
    return ACK;
  };
  const consumer = new SqsQueueConsumer({ sqs: aws.sqs, logger, maxInFlight: 8 });
  const callbacks = createShardCallbacks({
    consumer,
    queueOf: (source) =>
      (source.carries === 'lookups'
        ? aws.resources.requestQueueUrls
        : aws.resources.sessionCommandQueueUrls)[source.shard] as string,
    logger,
    directory,
    handlerFor: () => handleMessage,
  });
  const ownership = new ShardOwnership({
    leases: new HeldLeases(),
    lease: new ShardLease({
      client: aws.dynamoDb,
      tableName: aws.resources.sessionsTableName,
      ownerId: workerId,
      durationMs: LEASE_DURATION_MS,
    }),
    shardCount: SHARD_COUNT,
    renewIntervalMs: RENEW_INTERVAL_MS,
    logger,
    presence: new DynamoDbTaskPresence({
      client: aws.dynamoDb,
      tableName: aws.resources.sessionsTableName,
      workerId,
      durationMs: LEASE_DURATION_MS,
    }),
    ...callbacks,
    onAcquired: (lease) => {
      const tokens = connections.fencingTokens.get(lease.shard) ?? [];
      connections.fencingTokens.set(lease.shard, [...tokens, lease.fencingToken]);
      return callbacks.onAcquired(lease);
    },
  });
  return {
    ownership,
    async stop() {
      await ownership.stop();
      await consumer.stop();
    },
  };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await sleep(50);
  }
  return condition();
}

describe('createShardCallbacks (the shard wiring of startWorker): worker tasks rebalancing shards', () => {
  it('spreads the shards over a joining task with every lookup answered and no session connected twice', async () => {
    const connections = new ConnectionLog();
    const answers = new Map<string, string[]>();
    const servedUnconnected: string[] = [];
    const sent: string[] = [];
    let sending = true;
    const first = startTask('task-a', connections, answers, servedUnconnected);
    await first.ownership.start();
    const firstAlone = first.ownership.heldShards.sort();
    const lookups = (async () => {
      for (let n = 0; sending; n++) {
        const shard = n % SHARD_COUNT;
        const id = `lookup-${n}`;
        await aws.sqs.send(
          new SendMessageCommand({
            QueueUrl: aws.resources.requestQueueUrls[shard],
            MessageBody: JSON.stringify({ id, shard }),
          }),
        );
        sent.push(id);
        await sleep(25);
      }
    })();
    await sleep(300);

    const second = startTask('task-b', connections, answers, servedUnconnected);
    await second.ownership.start();
    const balanced = await waitFor(
      () =>
        first.ownership.heldShards.length === 2 &&
        second.ownership.heldShards.length === 2 &&
        connections.shardsOf('task-a').length === 2 &&
        connections.shardsOf('task-b').length === 2,
      15_000,
    );
    await sleep(300);
    sending = false;
    await lookups;
    const allAnswered = await waitFor(() => sent.every((id) => answers.has(id)), 15_000);
    const heldByA = first.ownership.heldShards.sort();
    const heldByB = second.ownership.heldShards.sort();
    await Promise.all([first.stop(), second.stop()]);

    expect(firstAlone).toEqual([0, 1, 2, 3]);
    expect(balanced).toBe(true);
    expect(heldByA).toHaveLength(2);
    expect(heldByB).toHaveLength(2);
    expect([...heldByA, ...heldByB].sort()).toEqual([0, 1, 2, 3]);
    expect(sent.length).toBeGreaterThan(20);
    expect(allAnswered).toBe(true);
    expect(sent.filter((id) => !answers.has(id))).toEqual([]);
    expect(servedUnconnected).toEqual([]);
    expect(connections.doubleConnections).toEqual([]);
    // Each moved shard was taken with the next fencing token; the kept ones never changed hands.
    for (const shard of heldByB) expect(connections.fencingTokens.get(shard)).toEqual([1, 2]);
    for (const shard of heldByA) expect(connections.fencingTokens.get(shard)).toEqual([1]);
    // Lookups for a moved shard were answered by both tasks over the test: before and after.
    const answeredBy = (shard: number) =>
      new Set(
        sent
          .filter((id) => Number(id.split('-')[1]) % SHARD_COUNT === shard)
          .flatMap((id) => answers.get(id) ?? []),
      );
    for (const shard of heldByB) expect(answeredBy(shard)).toEqual(new Set(['task-a', 'task-b']));
  }, 45_000);
});
