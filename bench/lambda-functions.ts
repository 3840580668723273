import { PROFILE_PATH, SESSION_PATH } from '../functions/api/api-routes.ts';
import {
  allowedContext,
  authorizerEvent,
  bearerHeaders,
  proxyEvent,
  scheduledEvent,
} from '../test/support/lambda/api-gateway-events.ts';

/** What a cold start's first request needs: a live token and the contact it may read. */
export interface FirstRequestInputs {
  token: string;
  identity: { tenantId: string; userId: string; tokenId: string };
  jid: string;
}

/** How a function is invoked on its first request, and what a successful answer looks like. */
export interface Invocation {
  event(inputs: FirstRequestInputs): unknown;
  /** Throws when the answer is not the success the measurement assumes. */
  check(answer: unknown): void;
}

/** A Lambda the bench builds as CDK does, sizes against its budget and cold-starts. */
export interface BenchedFunction {
  name: string;
  /** As the stack passes it to ServiceFunction (relative to the repository root). */
  entry: string;
  /**
   * Minified bundle size this function may not exceed (KB). Sizes are deterministic for a
   * lockfile, so the bench fails past a budget: growth shows up in review, not on Lambda.
   */
  budgetKb: number;
  invocation: Invocation;
  /** Configuration the stack gives this function beyond the local stack's environment. */
  environment?: Record<string, string>;
}

/** A REST route behind the authorizer; the answer must be a 200 (from the cache, where cached). */
export function apiRoute(
  resourcePath: string,
  query: (inputs: FirstRequestInputs) => Record<string, string>,
): Invocation {
  return {
    event: (inputs) =>
      proxyEvent({
        resourcePath,
        headers: bearerHeaders(inputs.token),
        query: query(inputs),
        authorizer: allowedContext(inputs.identity),
      }),
    check(answer) {
      const { statusCode, headers } = answer as {
        statusCode?: number;
        headers?: Record<string, unknown>;
      };
      if (statusCode !== 200) throw new Error(`answered ${statusCode}, not 200`);
      // A cold start measured on a cache miss would time the worker, not the function.
      const cache = headers?.['X-Cache'];
      if (cache !== undefined && cache !== 'HIT') throw new Error(`answered X-Cache ${cache}`);
    },
  };
}

/** The REQUEST authorizer in front of every route; the answer must allow the call. */
export function apiAuthorizer(): Invocation {
  return {
    event: (inputs) =>
      authorizerEvent({ headers: bearerHeaders(inputs.token), query: { jid: inputs.jid } }),
    check(answer) {
      const effect = (answer as { policyDocument?: { Statement?: { Effect?: string }[] } })
        .policyDocument?.Statement?.[0]?.Effect;
      if (effect !== 'Allow') throw new Error(`answered ${effect ?? 'no policy'}, not Allow`);
    },
  };
}

/** A function on an EventBridge schedule; the answer must be an object (its summary). */
export function scheduled(): Invocation {
  return {
    event: () => scheduledEvent(),
    check(answer) {
      if (typeof answer !== 'object' || answer === null) throw new Error('answered no summary');
    },
  };
}

/** A direct invocation (Lambda Invoke, Step Functions); the answer must be a success body. */
export function directInvocation(): Invocation {
  return {
    event: (inputs) => ({
      tenantId: inputs.identity.tenantId,
      userId: inputs.identity.userId,
      jid: inputs.jid,
    }),
    check(answer) {
      if ((answer as { success?: unknown }).success !== true) {
        throw new Error(`answered ${JSON.stringify(answer).slice(0, 200)}, not a success`);
      }
    },
  };
}

const byJid = (inputs: FirstRequestInputs) => ({ jid: inputs.jid });

/** Every function infra/stacks/ deploys with ServiceFunction: one entry each. */
export const BENCHED_FUNCTIONS: BenchedFunction[] = [
  {
    name: 'authorizer',
    entry: 'functions/authorizer/handler.ts',
    budgetKb: 260,
    invocation: apiAuthorizer(),
  },
  {
    name: 'profile-http',
    entry: 'functions/contacts/http/handler.ts',
    budgetKb: 500,
    invocation: apiRoute(PROFILE_PATH, byJid),
  },
  {
    name: 'profile-direct',
    entry: 'functions/contacts/direct/handler.ts',
    budgetKb: 500,
    invocation: directInvocation(),
  },
  {
    name: 'session-http',
    entry: 'functions/session-api/handler.ts',
    // 450, not 400, since a claimed pairing attempt is a session.status event: the function now
    // carries the EventBridge client (about 26 KB).
    budgetKb: 450,
    // GET /session of a user who never paired: the status read, no worker involved.
    invocation: apiRoute(SESSION_PATH, () => ({})),
  },
  {
    name: 'reply-queue-sweeper',
    entry: 'functions/reply-queue-sweeper/handler.ts',
    budgetKb: 240,
    invocation: scheduled(),
    // Long enough that the bench's own reply queues are never idle: the sweep deletes nothing.
    environment: { REPLY_QUEUE_IDLE_SECONDS: '86400' },
  },
];

/** The cold-start baseline: same bundler, a handler that does nothing. */
export const EMPTY_FUNCTION = { name: 'empty', entry: 'bench/empty-handler.ts' } as const;
