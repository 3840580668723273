import { ADMIN_PATHS } from './admin-paths.ts';
import { CONTACTS_PATHS } from './contacts-paths.ts';
import { OPENAPI_INFO, OPENAPI_SERVERS, OPENAPI_TAGS } from './openapi-info.ts';
import { componentSchemas } from './openapi-schemas.ts';
import { SESSION_PATHS } from './session-paths.ts';

/**
 * The OpenAPI document of the API, one file per area (contacts, session, admin), its schemas built from
 * the zod schemas the code validates with. `docs/openapi.json` is its output (`npm run openapi`);
 * a test keeps the file current and Redocly's recommended rules lint it in CI.
 */
export function buildOpenApiDocument() {
  return {
    openapi: '3.0.3',
    info: OPENAPI_INFO,
    servers: OPENAPI_SERVERS,
    tags: OPENAPI_TAGS,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'Per-user API token (UUID v4). Identifies the tenant and user.',
        },
      },
      schemas: componentSchemas(),
    },
    security: [{ bearerAuth: [] }],
    paths: { ...CONTACTS_PATHS, ...SESSION_PATHS, ...ADMIN_PATHS },
  };
}
