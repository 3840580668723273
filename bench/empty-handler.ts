import type { APIGatewayProxyResult } from 'aws-lambda';

/** The cold-start baseline: a handler that does nothing, bundled like the real ones. */
export const handler = async (): Promise<APIGatewayProxyResult> => ({ statusCode: 200, body: '' });
