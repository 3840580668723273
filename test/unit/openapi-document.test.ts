import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../functions/api/openapi-document.ts';
import { OPENAPI_FILE, renderOpenApiDocument } from '../../functions/cli/write-openapi-document.ts';

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
