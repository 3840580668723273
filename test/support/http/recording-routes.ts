import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

/**
 * One stub route per name, each answering 200 with its own name as the body and recording the
 * event and context it was handed: what a router's test hands its routes to see which one a
 * request reached.
 */
export function recordingRoutes<Name extends string>(names: readonly Name[]) {
  const reached: Array<{ route: Name; event: APIGatewayProxyEvent; context: Context }> = [];
  const routes = Object.fromEntries(
    names.map((name) => [
      name,
      async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
        reached.push({ route: name, event, context });
        return { statusCode: 200, body: name };
      },
    ]),
  ) as Record<
    Name,
    (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>
  >;
  return { routes, reached };
}
