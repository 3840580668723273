/**
 * The source of a small program written against the client generated from docs/openapi.json
 * (openapi-typescript types, openapi-fetch calls). The test writes it beside the generated
 * types, typechecks both, then runs it: the `@ts-expect-error` lines prove the types constrain
 * the calls (with `operations = Record<string, never>` or loose paths they would be unused).
 */
export const TYPED_CLIENT_CALLS = `
import createClient from 'openapi-fetch';
import type { components, operations, paths } from './api-types.ts';

type ProfileBody = components['schemas']['ProfileResponse'];
const operationIds: (keyof operations)[] = [
  'getContactProfile',
  'getContactProfilePicture',
  'getContactProfiles',
  'getSession',
  'logOutSession',
  'pairSession',
];

export async function callWithTypedClient(baseUrl: string, token: string) {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: \`Bearer \${token}\` } });
  const seed = '5511999999999@s.whatsapp.net';

  const profile = await client.GET('/contacts/profile', { params: { query: { jid: seed } } });
  const status: string | undefined = profile.data?.data.user_info.Status;
  const body: ProfileBody | undefined = profile.data;
  const picture = await client.GET('/contacts/profile-picture', {
    params: { query: { number: '+55 11 99999-9999' } },
  });
  const batch = await client.POST('/contacts/profiles', {
    body: { contacts: [{ jid: seed }, { number: '+1 415 555 0123' }] },
  });
  const session = await client.GET('/session');
  const badPhone = await client.POST('/session/pair', { body: { phone: '12' } });
  const notFound = await client.GET('/contacts/profile', {
    params: { query: { number: '+44 20 7946 0000' } },
  });
  const unauthorized = await client.GET('/session', {
    headers: { Authorization: 'Bearer 00000000-0000-4000-8000-000000000000' },
  });
  const errorCode: string | undefined = unauthorized.error?.error_code;

  if (false as boolean) {
    // @ts-expect-error: no such query parameter
    await client.GET('/contacts/profile', { params: { query: { jidd: seed } } });
    // @ts-expect-error: no such path
    await client.GET('/contacts/profil');
    // @ts-expect-error: the batch body needs contacts
    await client.POST('/contacts/profiles', { body: { refresh: true } });
    // @ts-expect-error: Status is a string
    const wrong: number | undefined = profile.data?.data.user_info.Status;
    void wrong;
  }

  return {
    operationIds,
    status,
    profile: { status: profile.response.status, body },
    picture: { status: picture.response.status, body: picture.data },
    batch: { status: batch.response.status, body: batch.data },
    session: { status: session.response.status, body: session.data },
    badPhone: { status: badPhone.response.status, body: badPhone.error },
    notFound: { status: notFound.response.status, body: notFound.error },
    unauthorized: { status: unauthorized.response.status, body: unauthorized.error, errorCode },
  };
}
`;
