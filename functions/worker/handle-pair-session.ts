import type { Logger } from '@aws-lambda-powertools/logger';
import type { PairSessionCommand } from '../contracts/session-commands.ts';
import type { SessionControl } from '../ports/session-control.ts';
import { answerMessage, type failureOutcome } from './request-failure.ts';

export interface HandlePairSessionDependencies {
  sessionControl: SessionControl;
  logger: Logger;
}

/** Never sent (nobody waits on a reply queue): what the worker logs about the command. */
export interface PairSessionOutcome {
  kind: 'reply';
  reply:
    | { version: 1; correlationId: string; ok: true }
    | ReturnType<typeof failureOutcome<{ version: 1; correlationId: string }>>['reply'];
}

/**
 * A pair-session command: starts the attempt's pairing socket and is done once it connects.
 * The socket lives on in the worker (its QR payloads and end are recorded on the attempt),
 * never in the message: it is always acknowledged. A failure to start has ended the attempt
 * (the API answers 503 from there); a retry of the message would find it ended.
 */
export function createHandlePairSession(dependencies: HandlePairSessionDependencies) {
  return async function handlePairSession(
    command: PairSessionCommand,
  ): Promise<PairSessionOutcome> {
    const outcome = await answerMessage(command, async (identity) => {
      await dependencies.sessionControl.startPairing(identity, {
        attemptId: command.attemptId,
        deadline: command.deadline,
        phoneDigits: command.phoneDigits,
      });
      return {};
    });
    // Acknowledged either way: a failure to start has already ended the attempt.
    if (outcome.kind === 'retry') {
      dependencies.logger.error('starting a pairing socket failed', {
        error: outcome.error as Error,
      });
    }
    return { kind: 'reply', reply: outcome.reply };
  };
}

export type HandlePairSession = ReturnType<typeof createHandlePairSession>;
