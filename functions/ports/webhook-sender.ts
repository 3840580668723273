/** What one delivery attempt came to: an HTTP status, or why no request was made or answered. */
export type WebhookAttemptResult =
  | { kind: 'answered'; status: number }
  | { kind: 'refused'; reason: string }
  | { kind: 'failed'; reason: string };

/** POSTs one signed delivery; never throws, never follows a redirect. */
export interface WebhookSender {
  send(request: {
    url: string;
    body: string;
    headers: Record<string, string>;
    timeoutMs: number;
  }): Promise<WebhookAttemptResult>;
}
