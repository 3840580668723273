// swagger-ui-dist ships no types; the console uses only its constructor with these options.
declare module 'swagger-ui-dist/swagger-ui-es-bundle.js' {
  interface SwaggerRequest {
    url: string;
    headers: Record<string, string>;
  }
  interface SwaggerUIOptions {
    spec: unknown;
    domNode: HTMLElement;
    validatorUrl: null;
    deepLinking: boolean;
    defaultModelsExpandDepth?: number;
    requestInterceptor?: (request: SwaggerRequest) => SwaggerRequest;
  }
  const SwaggerUI: (options: SwaggerUIOptions) => unknown;
  export default SwaggerUI;
}
