import type { APIGatewayProxyResult } from 'aws-lambda';
import { expect } from 'vitest';

/** Asserts a route answered with `statusCode` and the error envelope carrying `errorCode`. */
export function expectErrorResponse(
  response: APIGatewayProxyResult,
  statusCode: number,
  errorCode: string,
): void {
  expect(response.statusCode).toBe(statusCode);
  expect(JSON.parse(response.body)).toMatchObject({ error_code: errorCode });
}
