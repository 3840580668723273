import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration suites each start their own embedded DynamoDB and SQS; two cores here.
    maxWorkers: 2,
    // Handlers log JSON lines; keep test output readable (tests that inspect logs set a level).
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
  },
});
