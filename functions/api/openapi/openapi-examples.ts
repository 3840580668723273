import type { ErrorCode } from '../../domain/errors/error-codes.ts';
import { INTERNAL_ERROR_MESSAGE } from '../error-envelope.ts';

/** Example bodies for the document: the reference page's contact, a business and the session. */
const TIMESTAMP = '2026-06-15T12:00:00Z';

export const PROFILE_EXAMPLE = {
  success: true,
  data: {
    jid: '5511999999999@s.whatsapp.net',
    user_info: {
      Status: 'Hey there! I am using WhatsApp.',
      PictureID: '1718000000',
      Devices: ['5511999999999@s.whatsapp.net', '5511999999999:12@s.whatsapp.net'],
      VerifiedName: null,
    },
    business_profile: null,
  },
};

export const BUSINESS_PROFILE_EXAMPLE = {
  success: true,
  data: {
    jid: '14155550123@s.whatsapp.net',
    user_info: {
      Status: 'Open every day from 9 to 18',
      PictureID: '1725000000',
      Devices: ['14155550123@s.whatsapp.net'],
      VerifiedName: {
        Certificate: { details: 'CICBpMOEt5mzARIGc21iOndh', signature: 'c2lnbmF0dXJl' },
        Details: { serial: '23810327841439764000', issuer: 'smb:wa', verifiedName: 'Acme Bakery' },
      },
    },
    business_profile: {
      JID: '14155550123@s.whatsapp.net',
      Address: '1 Market St, San Francisco',
      Email: 'hello@acme.example',
      Categories: [{ ID: '133436743388217', Name: 'Bakery' }],
      ProfileOptions: { commerce_experience: 'catalog' },
      BusinessHoursTimeZone: 'America/Los_Angeles',
      BusinessHours: [
        { DayOfWeek: 'mon', Mode: 'specific_hours', OpenTime: '540', CloseTime: '1080' },
      ],
      Description: 'Bread and cakes since 1990.',
      Website: ['https://acme.example'],
    },
  },
};

export const PICTURE_EXAMPLE = {
  success: true,
  data: {
    jid: '5511999999999@s.whatsapp.net',
    picture: {
      url: 'https://pps.whatsapp.net/v/t61.24694-24/400000001_1718000000_n.jpg?oe=F4865700',
      id: '1718000000',
      type: 'image',
      direct_path: '/v/t61.24694-24/400000001_1718000000_n.jpg?oe=F4865700',
    },
  },
};

export const HIDDEN_PICTURE_EXAMPLE = {
  success: true,
  data: { jid: '5511999999999@s.whatsapp.net', picture: null, visibility: 'hidden' },
};

export function errorExample(errorCode: ErrorCode, error: string) {
  return { success: false, error, error_code: errorCode, timestamp: TIMESTAMP };
}

export const PROFILES_EXAMPLE = {
  success: true,
  data: [PROFILE_EXAMPLE, errorExample('NOT_FOUND', 'the number is not on WhatsApp')],
};

export const SESSION_EXAMPLES = {
  unpaired: { status: 'unpaired', jid: null, since: null },
  pairingQr: {
    status: 'pairing',
    jid: null,
    since: null,
    qr: '2@Xb6k…,Qm9p…,ZGVm…,c2Vj…,1',
    expires_at: '2026-06-15T12:01:00Z',
  },
  pairingCode: {
    status: 'pairing',
    jid: null,
    since: null,
    pairing_code: 'ABCD-EFGH',
    expires_at: '2026-06-15T12:02:40Z',
  },
  paired: { status: 'paired', jid: '5511987654321@s.whatsapp.net', since: TIMESTAMP },
};

/** The one error example of each code, with a message the API really gives. */
export const ERROR_EXAMPLES: Record<ErrorCode, { summary: string; value: unknown }> = {
  VALIDATION_ERROR: {
    summary: 'A malformed request',
    value: errorExample('VALIDATION_ERROR', 'either jid or number is required'),
  },
  UNAUTHORIZED: {
    summary: 'No valid token',
    value: errorExample(
      'UNAUTHORIZED',
      'a bearer token is required: Authorization: Bearer <token>',
    ),
  },
  FORBIDDEN: {
    summary: 'A user token on an admin route',
    value: errorExample('FORBIDDEN', 'this route needs an admin token'),
  },
  NOT_FOUND: {
    summary: 'Not on WhatsApp, or no such route',
    value: errorExample('NOT_FOUND', 'the number is not on WhatsApp'),
  },
  RATE_LIMITED: {
    summary: 'A budget is spent',
    value: errorExample('RATE_LIMITED', 'the live-lookup budget is spent; retry after 30 s'),
  },
  INTERNAL_ERROR: {
    summary: 'A bug',
    value: errorExample('INTERNAL_ERROR', INTERNAL_ERROR_MESSAGE),
  },
  SESSION_UNAVAILABLE: {
    summary: 'The session cannot serve',
    value: errorExample('SESSION_UNAVAILABLE', 'the WhatsApp session is not paired'),
  },
  SERVICE_UNAVAILABLE: {
    summary: "The API's own storage or queue failed",
    value: errorExample('SERVICE_UNAVAILABLE', 'the service is unavailable; retry later'),
  },
  UPSTREAM_TIMEOUT: {
    summary: 'WhatsApp did not answer in time',
    value: errorExample('UPSTREAM_TIMEOUT', 'WhatsApp did not answer within the deadline'),
  },
};

/** The admin routes' bodies, as a tenant's admin sees them. */
export const ADMIN_EXAMPLES = {
  token: {
    id: 'tok_3f9c2a7b1e',
    user: 'alice',
    label: 'CRM sync',
    role: 'user',
    created_at: TIMESTAMP,
  },
  createdToken: {
    id: 'tok_3f9c2a7b1e',
    user: 'alice',
    label: 'CRM sync',
    role: 'user',
    created_at: TIMESTAMP,
    token: '0b8e7c52-3a1f-4d7e-9c2b-6f1a2e3d4c5b',
  },
  revokedToken: { id: 'tok_3f9c2a7b1e', revoked_at: TIMESTAMP },
  session: {
    user: 'alice',
    status: 'paired',
    jid: '5511987654321@s.whatsapp.net',
    since: TIMESTAMP,
  },
  webhook: {
    url: 'https://crm.example.com/hooks/whatsapp',
    events: ['session.status', 'contact.changed'],
  },
  webhookWithSecret: {
    url: 'https://crm.example.com/hooks/whatsapp',
    events: ['session.status', 'contact.changed'],
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  },
};

/** The webhook's bodies. */
export const EVENT_EXAMPLES = {
  contactChanged: {
    type: 'contact.changed',
    timestamp: TIMESTAMP,
    data: {
      tenant: 'acme',
      user: 'alice',
      jid: '5511987654321@s.whatsapp.net',
      changed: ['PictureID'],
      user_info: { PictureID: '1718000001' },
    },
  },
};
