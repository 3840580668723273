/**
 * What the OpenAPI document says about itself: title, licence and the servers it is called on.
 * The licence is the repository's (LICENSE, package.json's `license`), stated here once.
 */
export const OPENAPI_LICENSE = {
  name: 'GPL-3.0-or-later',
  url: 'https://www.gnu.org/licenses/gpl-3.0.html',
} as const;

/** The stage the CDK API deploys (infra/constructs/contacts-rest-api.ts, API_STAGE_NAME; a test keeps them equal). */
export const DEPLOYED_STAGE = 'v1';

export const OPENAPI_INFO = {
  title: 'WhatsApp contact profile API',
  version: '1.0.0',
  description:
    "Returns a contact's user info and, for a WhatsApp Business account, its business profile; the token's user pairs, checks and logs out their own WhatsApp session.",
  license: OPENAPI_LICENSE,
};

export const OPENAPI_SERVERS = [
  {
    url: 'http://127.0.0.1:3000',
    description: 'The local stack (npm start; PORT changes the port).',
  },
  {
    url: 'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}',
    description: 'A deployed stack: the ApiUrl output of its API stack.',
    variables: {
      apiId: { default: 'abcdef1234', description: 'The REST API id (the first label of ApiUrl).' },
      region: { default: 'us-east-1', description: 'The region the stack is deployed to.' },
      stage: { default: DEPLOYED_STAGE, enum: [DEPLOYED_STAGE], description: 'The API stage.' },
    },
  },
];

export const OPENAPI_TAGS = [
  { name: 'contacts', description: "Contacts' profiles and pictures, from cache or WhatsApp." },
  { name: 'session', description: "The caller's own WhatsApp session: status, pairing, logout." },
  {
    name: 'admin',
    description: "A tenant's administration (admin tokens only): tokens, sessions, webhook.",
  },
];
