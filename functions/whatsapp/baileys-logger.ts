import type { Logger } from '@aws-lambda-powertools/logger';
import type { UserFacingSocketConfig } from 'baileys';

/** Baileys' logger interface (not exported by name from its entry point). */
type ILogger = NonNullable<UserFacingSocketConfig['logger']>;

/**
 * Baileys logs every stanza it sends and receives, JIDs and phone numbers included. Only its
 * warnings and errors reach our logs, and only their message and error class: never the
 * objects it attaches (personal data).
 */
export function baileysLogger(logger: Logger, bindings: Record<string, unknown> = {}): ILogger {
  const forward =
    (level: 'warn' | 'error') =>
    (objectOrMessage: unknown, message?: string): void => {
      const text =
        message ?? (typeof objectOrMessage === 'string' ? objectOrMessage : 'baileys event');
      const error =
        typeof objectOrMessage === 'object' && objectOrMessage !== null && 'err' in objectOrMessage
          ? (objectOrMessage as { err: unknown }).err
          : undefined;
      logger[level](`baileys: ${text}`, {
        ...bindings,
        ...(error instanceof Error && { errorName: error.name, errorMessage: error.message }),
      });
    };
  const ignore = () => undefined;
  return {
    level: 'warn',
    child: (extra: Record<string, unknown>) =>
      baileysLogger(logger, { ...bindings, ...pickSafe(extra) }),
    trace: ignore,
    debug: ignore,
    info: ignore,
    warn: forward('warn'),
    error: forward('error'),
  };
}

/** Child bindings Baileys adds are labels such as `{ class: 'baileys' }`; keep only strings. */
function pickSafe(bindings: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(bindings).filter(
      (entry): entry is [string, string] => entry[0] === 'class' && typeof entry[1] === 'string',
    ),
  );
}
