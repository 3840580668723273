import { apiUrl } from './console-api.ts';
import { byId } from './dom.ts';

/**
 * The API reference: Swagger UI (bundled, loaded only when first shown) rendering the OpenAPI
 * document served beside the console, pointed at this API. "Try it out" sends the signed-in
 * token unless the request names one itself.
 */
export function createApiReference(token: () => string | null) {
  let shown: Promise<void> | undefined;

  async function render(): Promise<void> {
    const [{ default: SwaggerUI }, document] = await Promise.all([
      import('swagger-ui-dist/swagger-ui-es-bundle.js'),
      fetch(apiUrl('console/openapi.json'), { cache: 'no-cache' }).then((response) => {
        if (!response.ok) throw new Error(`the OpenAPI document answered ${response.status}`);
        return response.json() as Promise<Record<string, unknown>>;
      }),
    ]);
    SwaggerUI({
      spec: {
        ...document,
        servers: [{ url: apiUrl('').replace(/\/$/, ''), description: 'This API' }],
      },
      domNode: byId('reference-ui'),
      validatorUrl: null,
      deepLinking: false,
      defaultModelsExpandDepth: 0,
      requestInterceptor(request) {
        const current = token();
        if (current && !request.headers.Authorization) {
          request.headers.Authorization = `Bearer ${current}`;
        }
        return request;
      },
    });
  }

  return {
    show(): Promise<void> {
      shown ??= render().catch((error: unknown) => {
        shown = undefined;
        byId('reference-ui').textContent =
          `The API reference could not be loaded: ${String(error)}`;
      });
      return shown;
    },
  };
}
