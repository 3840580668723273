import { Ajv } from 'ajv';

type Operation = {
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};
type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

/**
 * Checks an answer against the OpenAPI document: the schema its operation documents for its
 * status (JSON Schema as OpenAPI 3.0 writes it, `nullable` included). Returns the problems
 * found, none when the answer is as documented.
 */
export function documentedResponseChecker(document: OpenApiDocument) {
  // Not strict: OpenAPI's own keywords (example, description, …) sit beside the JSON Schema ones.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema({ components: document.components }, 'openapi.json');
  return (path: string, method: string, status: number, body: unknown): string[] => {
    const response = document.paths[path]?.[method]?.responses[String(status)];
    if (!response) return [`${method.toUpperCase()} ${path} documents no ${status} answer`];
    const schema = response.content?.['application/json']?.schema as { $ref?: string } | undefined;
    if (!schema?.$ref) return [`${method.toUpperCase()} ${path} ${status} documents no JSON body`];
    const validate = ajv.getSchema(`openapi.json${schema.$ref}`);
    if (!validate) return [`no schema at ${schema.$ref}`];
    return validate(body)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
  };
}
