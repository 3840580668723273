import type { Logger } from '@aws-lambda-powertools/logger';
import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { SessionEventPublisher, SessionStatusChange } from '../ports/session-events.ts';
import { EVENT_SOURCE, SESSION_STATUS_EVENT } from '../resources/event-definitions.ts';

/**
 * Session events onto the stack's EventBridge bus: `source` names the product, `detail-type` is
 * the event type, `detail` its data. A rule on the bus feeds the webhook delivery queue; other
 * AWS services subscribe with rules of their own.
 */
export class EventBridgeSessionEvents implements SessionEventPublisher {
  readonly #client: EventBridgeClient;
  readonly #busName: string;
  readonly #logger: Logger;

  constructor(options: { client: EventBridgeClient; busName: string; logger: Logger }) {
    this.#client = options.client;
    this.#busName = options.busName;
    this.#logger = options.logger;
  }

  async publish(change: SessionStatusChange): Promise<void> {
    try {
      const result = await this.#client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: this.#busName,
              Source: EVENT_SOURCE,
              DetailType: SESSION_STATUS_EVENT,
              Detail: JSON.stringify(change),
              Time: new Date(),
            },
          ],
        }),
      );
      // PutEvents answers 200 with per-entry failures; those are failures all the same.
      if (result.FailedEntryCount) {
        throw new Error(result.Entries?.[0]?.ErrorMessage ?? 'PutEvents refused the entry');
      }
    } catch (error) {
      this.#logger.error('session event not published', {
        status: change.status,
        reason: change.reason,
        errorMessage: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
