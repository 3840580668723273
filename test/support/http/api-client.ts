/** A small HTTP client for the local gateway, returning status, headers and parsed body. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON bodies
  body: any;
}

export async function callApi(
  baseUrl: string,
  path: string,
  options: {
    token?: string;
    authorization?: string;
    method?: string;
    headers?: Record<string, string>;
    /** A request body (JSON text for POST /contacts/profiles). */
    body?: string;
  } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.authorization !== undefined) headers.Authorization = options.authorization;
  else if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  const response = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** Asserts nothing by itself: returns whether a body is exactly the contract's error envelope. */
export function isErrorEnvelope(body: unknown, errorCode: string): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const envelope = body as Record<string, unknown>;
  return (
    Object.keys(envelope).sort().join(',') === 'error,error_code,success,timestamp' &&
    envelope.success === false &&
    envelope.error_code === errorCode &&
    typeof envelope.error === 'string' &&
    envelope.error.length > 0 &&
    typeof envelope.timestamp === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(envelope.timestamp)
  );
}

/**
 * Whether a body is the envelope of a response API Gateway renders itself (a gateway response,
 * or an unknown route's MOCK answer): its timestamp is `$context.requestTime`, not ISO.
 */
export function isGatewayErrorEnvelope(body: unknown, errorCode: string): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const envelope = body as Record<string, unknown>;
  return (
    Object.keys(envelope).sort().join(',') === 'error,error_code,success,timestamp' &&
    envelope.success === false &&
    envelope.error_code === errorCode &&
    typeof envelope.error === 'string' &&
    envelope.error.length > 0 &&
    typeof envelope.timestamp === 'string' &&
    /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/.test(envelope.timestamp)
  );
}
