import { SESSION_COMMAND_KINDS, type ShardRequestMessage } from '../contracts/shard-messages.ts';
import { sessionShard } from '../domain/session/session-identity.ts';
import { isReplyQueueName } from '../resources/queue-definitions.ts';

/** Which queue a shard message was read from: its shard, and what that queue carries. */
export interface ShardQueueSource {
  shard: number;
  /** `lookups`: the request queue (the contacts functions send); `session-commands`: pair and logout (the session function alone sends). */
  carries: 'lookups' | 'session-commands';
}

/** What the worker knows of its own deployment to judge where a message may come from and go. */
export interface ShardMessageBoundary {
  shardCount: number;
  /** Whether `url` is one of this deployment's reply queues. */
  isReplyQueue(url: string): boolean;
}

/**
 * This deployment's reply queues: the queues named `<prefix><32 hex>` in the account and
 * region of its own request queues, with the URL form SQS gives those (scheme, host, account
 * path), so a message cannot have the worker send a reply, which carries a contact's profile,
 * to a queue of another deployment or another account.
 */
export function deploymentReplyQueues(options: {
  requestQueueUrls: readonly string[];
  replyQueueNamePrefix: string;
}): (url: string) => boolean {
  const bases = new Set(options.requestQueueUrls.map(queueUrlBase));
  if (bases.size !== 1) {
    throw new Error('the request queues must share one account and region (one URL base)');
  }
  const [base] = bases as unknown as [string];
  return (url) =>
    url.startsWith(base) && isReplyQueueName(options.replyQueueNamePrefix, url.slice(base.length));
}

/** `https://sqs.<region>.amazonaws.com/<account>/` of a queue URL (everything but its name). */
function queueUrlBase(queueUrl: string): string {
  const url = new URL(queueUrl);
  const path = url.pathname.slice(0, url.pathname.lastIndexOf('/') + 1);
  return `${url.origin}${path}`;
}

/**
 * Why a well-formed shard message is refused, or undefined when it may be handled: a session
 * command read from a request queue (anyone who may look contacts up could otherwise log a
 * user out) or a lookup read from a session-command queue; a session that is not on the
 * queue's shard (sent there by no code of ours); a reply queue that is not this deployment's.
 */
export function refusalOf(
  request: ShardRequestMessage,
  source: ShardQueueSource,
  boundary: ShardMessageBoundary,
): string | undefined {
  const isCommand = SESSION_COMMAND_KINDS.includes(request.kind);
  if (isCommand && source.carries !== 'session-commands') {
    return 'a session command on a request queue';
  }
  if (!isCommand && source.carries !== 'lookups') return 'a lookup on a session-command queue';
  if (sessionShard(request, boundary.shardCount) !== source.shard) {
    return "a session of another shard than the queue's";
  }
  if ('replyQueueUrl' in request && !boundary.isReplyQueue(request.replyQueueUrl)) {
    return 'a reply queue that is not one of this deployment';
  }
  return undefined;
}
