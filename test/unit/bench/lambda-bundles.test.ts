import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { bundleLambda } from '../../../bench/lambda-bundles.ts';
import type { FunctionEntry } from '../../../infra/function-environments.ts';

/** Every Lambda entry the stacks deploy (a compile error when one is missing here). */
const LAMBDA_ENTRIES = {
  'functions/authorizer/handler.ts': 'authorizer',
  'functions/contacts/http/handler.ts': 'profile-http',
  'functions/contacts/direct/handler.ts': 'profile-direct',
  'functions/reply-queue-sweeper/handler.ts': 'reply-queue-sweeper',
  'functions/session-api/handler.ts': 'session-http',
  'functions/console/handler.ts': 'console',
  'functions/admin-api/handler.ts': 'admin-api',
  'functions/webhook-delivery/handler.ts': 'webhook-delivery',
} as const satisfies Record<FunctionEntry, string>;

describe('bundleLambda', () => {
  // zod's classic API costs every cold start more CPU to load than zod/mini (BENCHMARKS.md);
  // its schema classes are registered under their names, which minification keeps.
  it.each(Object.entries(LAMBDA_ENTRIES))(
    'bundles %s without zod’s classic API',
    async (entry, name) => {
      // act
      const bundle = await bundleLambda(name, entry, { label: 'zod-api-check', options: {} });

      // assert
      const code = await readFile(bundle.file, 'utf8');
      expect(code).not.toContain('"ZodString"');
      expect(code).not.toContain('"ZodObject"');
    },
    60_000,
  );
});
