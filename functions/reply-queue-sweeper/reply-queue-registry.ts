/** A reply queue as the sweeper sees it: where it is and when it was last used. */
export interface ListedReplyQueue {
  url: string;
  name: string;
  /** From the last-used tag the worker client refreshes; the creation time when absent. */
  lastUsedAt: Date;
}

/** The reply queues of one deployment (those under its name prefix). */
export interface ReplyQueueRegistry {
  /** Every reply queue under the prefix; a queue deleted meanwhile is skipped. */
  listReplyQueues(): AsyncIterable<ListedReplyQueue>;
  /** Deletes a queue; one that is already gone counts as deleted. */
  deleteReplyQueue(url: string): Promise<void>;
}
