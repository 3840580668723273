import type { Logger } from '@aws-lambda-powertools/logger';
import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { ContactChangedEvent, ContactEventPublisher } from '../ports/contact-events.ts';
import type { SessionEventPublisher, SessionStatusChange } from '../ports/session-events.ts';
import {
  CONTACT_CHANGED_EVENT,
  EVENT_SOURCE,
  SESSION_STATUS_EVENT,
} from '../resources/event-definitions.ts';

/**
 * Session (and contact) events onto the stack's EventBridge bus: `source` names the product,
 * `detail-type` is the event type, `detail` its data. A rule on the bus feeds the webhook
 * delivery queue; other AWS services subscribe with rules of their own.
 */
export class EventBridgeSessionEvents implements SessionEventPublisher, ContactEventPublisher {
  readonly #client: EventBridgeClient;
  readonly #busName: string;
  readonly #logger: Logger;

  constructor(options: { client: EventBridgeClient; busName: string; logger: Logger }) {
    this.#client = options.client;
    this.#busName = options.busName;
    this.#logger = options.logger;
  }

  async publish(change: SessionStatusChange): Promise<void> {
    await this.#put(SESSION_STATUS_EVENT, change, { status: change.status, reason: change.reason });
  }

  async publishContactChanged(event: ContactChangedEvent): Promise<void> {
    await this.#put(CONTACT_CHANGED_EVENT, event, { changed: event.changed });
  }

  /** Never throws: a failure is logged with `logged` (no personal data) and dropped. */
  async #put(detailType: string, detail: object, logged: Record<string, unknown>): Promise<void> {
    try {
      const result = await this.#client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: this.#busName,
              Source: EVENT_SOURCE,
              DetailType: detailType,
              Detail: JSON.stringify(detail),
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
      this.#logger.error('event not published', {
        eventType: detailType,
        ...logged,
        errorMessage: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
