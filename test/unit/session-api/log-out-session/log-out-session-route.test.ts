import { describe, expect, it } from 'vitest';
import type { SessionIdentity } from '../../../../functions/domain/session/session-identity.ts';
import { createLogOutSessionRoute } from '../../../../functions/session-api/log-out-session/log-out-session-route.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';
import {
  ALICE,
  sessionContext as context,
  NOW,
  sessionEvent,
} from '../../../support/session-api/session-events.ts';

function setUp() {
  const calls = { logOut: [] as Array<{ identity: SessionIdentity; deadline: number }> };
  const handler = createLogOutSessionRoute({
    logger: silentLogger(),
    commandDeadlineMs: 20_000,
    now: () => NOW,
    logOutSession: async (identity, request) => {
      calls.logOut.push({ identity, deadline: request.deadline });
      return { status: 'unpaired', unlinked: true };
    },
  });
  return { handler, calls };
}

describe('createLogOutSessionRoute', () => {
  it('answers DELETE /session with unpaired and a deadline within the invocation', async () => {
    const { handler, calls } = setUp();

    const response = await handler(sessionEvent('DELETE', '/session'), context);

    expect(JSON.parse(response.body)).toEqual({ success: true, data: { status: 'unpaired' } });
    expect(calls.logOut).toEqual([{ identity: ALICE, deadline: NOW + 20_000 }]);
  });

  it('leaves any other method or path to the 404 envelope without logging out', async () => {
    // prepare
    const { handler, calls } = setUp();

    // act
    const response = await handler(sessionEvent('DELETE', '/session/pair'), context);

    // assert
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body).error_code).toBe('NOT_FOUND');
    expect(calls.logOut).toEqual([]);
  });

  it('answers 401 when the request carries no authorized identity', async () => {
    // prepare
    const { handler, calls } = setUp();

    // act
    const response = await handler(
      sessionEvent('DELETE', '/session', { authorizer: null }),
      context,
    );

    // assert
    expect(response.statusCode).toBe(401);
    expect(calls.logOut).toEqual([]);
  });
});
