/**
 * SDK client settings for a service that cannot be reached: the discard port on loopback,
 * where nothing listens, and no retries, so the call fails at once as a network error would.
 */
export const UNREACHABLE_ENDPOINT = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  endpoint: 'http://127.0.0.1:9',
  maxAttempts: 1,
} as const;
