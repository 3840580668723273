/** The API as the console calls it: same origin, relative to the page, the token as bearer. */
export class ApiError extends Error {
  readonly status: number;
  readonly errorCode: string;

  constructor(status: number, errorCode: string, message: string) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }
}

export interface ApiAnswer<Data> {
  data: Data;
  headers: Headers;
}

export interface ConsoleApi {
  call<Data>(method: string, path: string, body?: unknown): Promise<ApiAnswer<Data>>;
}

/** The API's base: the folder the page was served from (`/` locally, `/v1/` on AWS). */
export function apiUrl(path: string): string {
  return new URL(path.replace(/^\//, ''), document.baseURI).toString();
}

export function createConsoleApi(token: () => string | null): ConsoleApi {
  return {
    async call<Data>(method: string, path: string, body?: unknown) {
      const headers: Record<string, string> = { Authorization: `Bearer ${token() ?? ''}` };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(apiUrl(path), {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        cache: 'no-store',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
      let json: { success?: boolean; data?: Data; error?: string; error_code?: string };
      try {
        json = (await response.json()) as typeof json;
      } catch {
        throw new ApiError(response.status, 'NO_JSON', `the API answered ${response.status}`);
      }
      if (!response.ok || json.success !== true) {
        throw new ApiError(
          response.status,
          json.error_code ?? 'UNKNOWN',
          json.error ?? `the API answered ${response.status}`,
        );
      }
      return { data: json.data as Data, headers: response.headers };
    },
  };
}

/** What a failed call says to the user: the API's own message and code. */
export function describeFailure(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (${error.errorCode})`;
  return error instanceof Error ? error.message : String(error);
}
