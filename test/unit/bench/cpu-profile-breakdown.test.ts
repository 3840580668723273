import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHASE_OF_SOURCE } from '../../../bench/cpu-profile-breakdown.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

describe('cpu-profile-breakdown', () => {
  it('charges each phase to a project file that exists, so no column is always empty', () => {
    const missing = PHASE_OF_SOURCE.map(([file]) => file).filter(
      (file) => !existsSync(path.join(REPO_ROOT, file)),
    );

    expect(PHASE_OF_SOURCE.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
