import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FUNCTIONS = new URL('../../functions/', import.meta.url).pathname;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('WhatsApp server certificate check', () => {
  it('is never pointed at another root key by production code', () => {
    const offenders = sourceFiles(FUNCTIONS).filter((file) => {
      const text = readFileSync(file, 'utf8');
      return /WA_CERT_DETAILS|whatsapp-server-(stand-in|noise)|whatsapp-pairing-phone|trustTestRootKey/.test(
        text,
      );
    });

    expect(sourceFiles(FUNCTIONS).length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });
});
