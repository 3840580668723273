import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../../functions/api/openapi/openapi-document.ts';
import {
  OPENAPI_FILE,
  renderOpenApiDocument,
} from '../../../../functions/cli/write-openapi-document.ts';
import { API_STAGE_NAME } from '../../../../infra/constructs/contacts-rest-api.ts';
import packageJson from '../../../../package.json' with { type: 'json' };

describe('OpenAPI document', () => {
  it('is up to date in docs/openapi.json (run npm run openapi)', async () => {
    const committed = await readFile(OPENAPI_FILE, 'utf8');

    expect(committed).toBe(renderOpenApiDocument());
  });

  it('documents every authorized route: the profile, its picture, the batch, the session and the admin routes', () => {
    const document = buildOpenApiDocument();
    expect(Object.keys(document.paths)).toEqual([
      '/contacts/profile',
      '/contacts/profile-picture',
      '/contacts/profiles',
      '/session',
      '/session/pair',
      '/admin/tokens',
      '/admin/tokens/{id}',
      '/admin/sessions',
      '/admin/webhook',
    ]);
    expect(Object.keys(document.paths['/session'])).toEqual(['get', 'delete']);
    expect(Object.keys(document.paths['/admin/webhook'])).toEqual(['put', 'get', 'delete']);
    expect(document.paths['/admin/tokens'].post.responses).toHaveProperty('403');
    expect(document.components.schemas.ProfilesRequest).toMatchObject({
      properties: { contacts: { minItems: 1, maxItems: 50 } },
    });
    expect(JSON.stringify(document.components.schemas.ProfilePictureResponse)).toContain(
      'direct_path',
    );
  });

  it('documents both 503 codes, with Retry-After for SERVICE_UNAVAILABLE', () => {
    const document = renderOpenApiDocument();
    expect(document).toContain('SESSION_UNAVAILABLE');
    expect(document).toContain('SERVICE_UNAVAILABLE');
    const parsed = JSON.parse(document);
    expect(
      parsed.paths['/contacts/profile'].get.responses['503'].headers['Retry-After'],
    ).toBeDefined();
  });

  it('documents the additive Visibility field of user_info', () => {
    const document = JSON.stringify(buildOpenApiDocument());

    expect(document).toContain('"Visibility"');
    expect(document).toContain('hidden by the contact');
  });

  it('keeps the seed fields required and typed as in the seed', () => {
    const schema = buildOpenApiDocument().components.schemas.ProfileResponse as unknown as {
      properties: {
        data: {
          properties: {
            user_info: { required: string[]; properties: Record<string, { type?: string }> };
          };
        };
      };
    };
    const userInfo = schema.properties.data.properties.user_info;

    expect(userInfo.required).toEqual(['Status', 'PictureID', 'Devices', 'VerifiedName']);
    expect(userInfo.properties.Status?.type).toBe('string');
    expect(userInfo.properties.Devices?.type).toBe('array');
  });

  it('documents the session statuses and the pair body that refuses unknown fields', () => {
    const { schemas } = buildOpenApiDocument().components;

    expect(JSON.stringify(schemas.SessionStatusResponse)).toContain(
      '["unpaired","pairing","connecting","paired","logged_out"]',
    );
    expect(schemas.PairSessionRequest).toMatchObject({
      additionalProperties: false,
      properties: { phone: { type: 'string' } },
    });
    expect(JSON.stringify(schemas.PairSessionResponse)).toContain('pairing_code');
  });
});

describe('OpenAPI document for client generators and linters', () => {
  const document = buildOpenApiDocument();
  const operations = Object.values(document.paths).flatMap((path) => Object.values(path));

  it('names every operation with a unique operationId', () => {
    const ids = operations.map((operation) => operation.operationId);

    expect(ids).toEqual([
      'getContactProfile',
      'getContactProfilePicture',
      'getContactProfiles',
      'getSession',
      'logOutSession',
      'pairSession',
      'createToken',
      'listTokens',
      'revokeToken',
      'listSessions',
      'setWebhook',
      'getWebhook',
      'deleteWebhook',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives an example for every response that has a body', () => {
    const bodies = operations.flatMap((operation) =>
      Object.entries(operation.responses as Record<string, { content?: Record<string, object> }>)
        .filter(([, response]) => response.content)
        .map(([status, response]) => [
          `${operation.operationId} ${status}`,
          Object.keys(response.content?.['application/json'] ?? {}),
        ]),
    );

    expect(bodies.length).toBeGreaterThan(30);
    for (const [name, keys] of bodies) expect(keys, String(name)).toContain('examples');
  });

  it('lists the local stack and the deployed stage as servers', () => {
    expect(document.servers[0]?.url).toBe('http://127.0.0.1:3000');
    expect(document.servers[1]?.variables?.stage.default).toBe(API_STAGE_NAME);
    expect(document.info.license.name).toBe(packageJson.license);
  });
});
