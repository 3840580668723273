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

/** The contract's ISO-8601 UTC time, as our own code writes it. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** `$context.requestTime`, as API Gateway writes it in the answers it renders itself. */
const GATEWAY_REQUEST_TIME = /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/;

/** Whether a body is exactly the error envelope with this code and a timestamp of this form. */
function isEnvelopeWithTimestamp(body: unknown, errorCode: string, timestamp: RegExp): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const envelope = body as Record<string, unknown>;
  return (
    Object.keys(envelope).sort().join(',') === 'error,error_code,success,timestamp' &&
    envelope.success === false &&
    envelope.error_code === errorCode &&
    typeof envelope.error === 'string' &&
    envelope.error.length > 0 &&
    typeof envelope.timestamp === 'string' &&
    timestamp.test(envelope.timestamp)
  );
}

/** Asserts nothing by itself: returns whether a body is exactly the contract's error envelope. */
export function isErrorEnvelope(body: unknown, errorCode: string): boolean {
  return isEnvelopeWithTimestamp(body, errorCode, ISO_TIMESTAMP);
}

/**
 * Whether a body is the envelope of a response API Gateway renders itself (a gateway response,
 * or an unknown route's MOCK answer): its timestamp is `$context.requestTime`, not ISO.
 */
export function isGatewayErrorEnvelope(body: unknown, errorCode: string): boolean {
  return isEnvelopeWithTimestamp(body, errorCode, GATEWAY_REQUEST_TIME);
}
