/**
 * Reply queues are created at run time by the profile function, one per execution environment,
 * named `<prefix><32 hex>`. The prefix scopes the IAM grants and the sweeper to one deployment.
 * It is at most 40 characters (the profile function's own limit), so names stay within SQS's 80.
 */
export const MAX_REPLY_QUEUE_NAME_PREFIX_LENGTH = 40;

const REPLY_SUFFIX = '-reply-';

export function replyQueueNamePrefix(stackName: string): string {
  const base = stackName
    .replace(/[^A-Za-z0-9_-]/g, '-')
    .slice(0, MAX_REPLY_QUEUE_NAME_PREFIX_LENGTH - REPLY_SUFFIX.length);
  return `${base}${REPLY_SUFFIX}`;
}
