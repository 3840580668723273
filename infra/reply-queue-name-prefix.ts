import { createHash } from 'node:crypto';

/**
 * Reply queues are created at run time by the API functions, one per execution environment,
 * named `<prefix><32 hex>`. The prefix scopes the IAM grants and the sweeper to one deployment.
 * It is at most 40 characters (the functions' own limit), so names stay within SQS's 80.
 *
 * It starts with a hash of the whole stack name, then the stack name cut to fit (for people
 * reading a queue list). The hash keeps two deployments apart even when their names share the
 * part that fits or differ only in characters SQS names cannot hold; and, coming first, it makes
 * one deployment's prefix the start of another's (so that its grants and its sweeper would
 * reach the other's queues) only if the two names' hashes collide.
 */
export const MAX_REPLY_QUEUE_NAME_PREFIX_LENGTH = 40;

const REPLY_SUFFIX = '-reply-';
const HASH_LENGTH = 8;

export function replyQueueNamePrefix(stackName: string): string {
  const hash = createHash('sha256').update(stackName).digest('hex').slice(0, HASH_LENGTH);
  const readable = stackName
    .replace(/[^A-Za-z0-9_-]/g, '-')
    .slice(0, MAX_REPLY_QUEUE_NAME_PREFIX_LENGTH - REPLY_SUFFIX.length - HASH_LENGTH - 1);
  return `${hash}-${readable}${REPLY_SUFFIX}`;
}
