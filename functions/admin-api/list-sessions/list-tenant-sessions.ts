import { sessionStatusBody, storedStatusView } from '../../api/session-bodies.ts';
import { isPairingActive } from '../../domain/session/pairing-attempt.ts';
import type { PairingAttemptStore } from '../../ports/pairing-attempts.ts';
import type { SessionStatusReader } from '../../ports/session-status-reader.ts';
import type { TokenStore } from '../../ports/token-store.ts';

/**
 * GET /admin/sessions: every user of the tenant holding a live token, with its session's
 * status as GET /session names it (never a QR payload or pairing code).
 */
export function createListTenantSessions(dependencies: {
  tokens: TokenStore;
  statuses: SessionStatusReader;
  attempts: Pick<PairingAttemptStore, 'latest'>;
  now?: () => number;
}) {
  const now = dependencies.now ?? Date.now;
  return async (tenantId: string) => {
    const records = await dependencies.tokens.listByTenant(tenantId);
    const users = [...new Set(records.filter((r) => !r.revokedAt).map((r) => r.userId))].sort();
    return Promise.all(
      users.map(async (userId) => {
        const identity = { tenantId, userId };
        const [status, attempt] = await Promise.all([
          dependencies.statuses.get(identity),
          dependencies.attempts.latest(identity),
        ]);
        if (attempt && isPairingActive(attempt, now())) {
          const pairing = attempt.state === 'linking' ? 'connecting' : 'pairing';
          return { user: userId, status: pairing, jid: null, since: null };
        }
        return { user: userId, ...sessionStatusBody(storedStatusView(status, now())) };
      }),
    );
  };
}

export type ListTenantSessions = ReturnType<typeof createListTenantSessions>;
