import { SESSION_PAIR_PATH, SESSION_PATH } from '../api-routes.ts';
import { SESSION_EXAMPLES } from './openapi-examples.ts';
import { COMMON_ERRORS, errorResponse, retryAfterHeader } from './openapi-responses.ts';
import { jsonContent } from './openapi-schemas.ts';

const ok = (data: unknown) => ({ success: true, data });
const serviceUnavailable = errorResponse('SERVICE_UNAVAILABLE: retry after Retry-After seconds.', [
  'SERVICE_UNAVAILABLE',
]);

/** GET and DELETE /session, POST /session/pair. */
export const SESSION_PATHS = {
  [SESSION_PATH]: {
    get: {
      operationId: 'getSession',
      tags: ['session'],
      summary: "The caller's own WhatsApp session: its status",
      description:
        'unpaired, pairing (with the current QR payload or pairing code while it is valid: poll every few seconds, a new QR payload comes about every 20 s), connecting (the phone accepted the link), paired (with the account and since when) or logged_out (WhatsApp revoked the link: pair again).',
      responses: {
        '200': {
          description: 'The session status. Never cached (Cache-Control: no-store).',
          content: jsonContent('SessionStatusResponse', {
            unpaired: { summary: 'Not paired', value: ok(SESSION_EXAMPLES.unpaired) },
            pairing: { summary: 'Pairing by QR code', value: ok(SESSION_EXAMPLES.pairingQr) },
            pairingCode: {
              summary: 'Pairing by phone code',
              value: ok(SESSION_EXAMPLES.pairingCode),
            },
            paired: { summary: 'Paired', value: ok(SESSION_EXAMPLES.paired) },
          }),
        },
        '401': COMMON_ERRORS['401'],
        '404': COMMON_ERRORS['404'],
        '500': COMMON_ERRORS['500'],
        '503': serviceUnavailable,
      },
    },
    delete: {
      operationId: 'logOutSession',
      tags: ['session'],
      summary: 'Log the session out',
      description:
        "Ends a pairing under way, unlinks the device from WhatsApp, and only once WhatsApp confirmed it deletes the session's credentials and its cached profiles. When WhatsApp cannot be reached or does not unlink the device the answer is 503, 504 or 429 and the session stays paired: try again, or remove the device on the phone under Linked devices.",
      responses: {
        '200': {
          description: 'Logged out: the session is unpaired.',
          content: jsonContent('LogOutSessionResponse', {
            unpaired: { summary: 'Logged out', value: ok({ status: 'unpaired' }) },
          }),
        },
        '401': COMMON_ERRORS['401'],
        '404': COMMON_ERRORS['404'],
        '500': COMMON_ERRORS['500'],
        '503': errorResponse(
          'SESSION_UNAVAILABLE: no worker holds the session right now; SERVICE_UNAVAILABLE: retry after Retry-After seconds.',
          ['SESSION_UNAVAILABLE', 'SERVICE_UNAVAILABLE'],
        ),
        '504': errorResponse(
          'UPSTREAM_TIMEOUT: the worker did not confirm the logout within the deadline; retry.',
          ['UPSTREAM_TIMEOUT'],
        ),
      },
    },
  },
  [SESSION_PAIR_PATH]: {
    post: {
      operationId: 'pairSession',
      tags: ['session'],
      summary: 'Pair a WhatsApp account with the session (or continue pairing)',
      description:
        'Starts a pairing attempt, or continues the one under way (whatever its method), and answers its current QR payload or, with phone, its pairing code. Already paired: the paired status. One attempt at a time per session; each lasts a limited time (160 s by default), and a session may start a limited number per hour (5 by default).',
      requestBody: {
        required: false,
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/PairSessionRequest' },
            examples: {
              qr: { summary: 'Pair by QR code', value: {} },
              phone: { summary: 'Pair by phone code', value: { phone: '+55 11 98765-4321' } },
            },
          },
        },
      },
      responses: {
        '200': {
          description:
            'pairing with qr or pairing_code and expires_at; connecting when the phone already accepted; paired (idempotent).',
          content: jsonContent('PairSessionResponse', {
            qr: {
              summary: 'A QR payload to draw',
              value: ok({
                status: 'pairing',
                qr: SESSION_EXAMPLES.pairingQr.qr,
                expires_at: SESSION_EXAMPLES.pairingQr.expires_at,
              }),
            },
            code: {
              summary: 'A code to type on the phone',
              value: ok({
                status: 'pairing',
                pairing_code: 'ABCD-EFGH',
                expires_at: SESSION_EXAMPLES.pairingCode.expires_at,
              }),
            },
            paired: { summary: 'Already paired', value: ok(SESSION_EXAMPLES.paired) },
          }),
        },
        '400': errorResponse(
          'VALIDATION_ERROR: a body that is not JSON, an unknown field, or a phone that is not a plausible international number.',
          ['VALIDATION_ERROR'],
        ),
        '401': COMMON_ERRORS['401'],
        '404': COMMON_ERRORS['404'],
        '429': {
          ...errorResponse(
            'RATE_LIMITED: the session started its hourly number of pairing attempts.',
            ['RATE_LIMITED'],
          ),
          headers: retryAfterHeader('Seconds until the session may start another attempt.'),
        },
        '500': COMMON_ERRORS['500'],
        '503': errorResponse(
          'SESSION_UNAVAILABLE: no worker holds the session, or WhatsApp could not be reached to pair; SERVICE_UNAVAILABLE: retry after Retry-After seconds.',
          ['SESSION_UNAVAILABLE', 'SERVICE_UNAVAILABLE'],
        ),
        '504': errorResponse(
          'UPSTREAM_TIMEOUT: WhatsApp showed no code within the wait; call again to continue the same attempt.',
          ['UPSTREAM_TIMEOUT'],
        ),
      },
    },
  },
};
