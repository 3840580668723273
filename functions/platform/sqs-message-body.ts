/**
 * Every SQS message body we send, serialised as JSON with only ASCII characters: anything
 * outside U+0020..U+007E is written as a `\uXXXX` escape (characters outside the Basic
 * Multilingual Plane as their UTF-16 surrogate pair), which JSON.parse reads back unchanged.
 *
 * Why: SQS restricts message bodies to a set of Unicode characters, and emulators apply that
 * set differently from AWS (fauxqs refuses astral-plane characters such as 🎉 with
 * InvalidMessageContents; AWS accepts them). A WhatsApp status full of emoji must never depend
 * on that difference, so our bodies carry none of those characters at all.
 */
export function sqsMessageBody(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('an SQS message body must be a JSON value');
  return asciiOnlyJson(json);
}

/**
 * Escapes the non-ASCII characters of JSON text. Outside strings JSON text is ASCII already,
 * so every such character sits in a string, where `\uXXXX` means the same character.
 */
export function asciiOnlyJson(json: string): string {
  // JSON.stringify leaves U+007F and everything above as is; control characters below U+0020
  // are already escaped by it.
  return json.replace(
    /[\u007f-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
