import path from 'node:path';
import { createLogger } from '../platform/logger.ts';
import { readConsoleAssets } from './console-assets.ts';
import { createConsoleHandler } from './create-console-handler.ts';

// Lambda entry point: the console's files were built into the bundle's folder (see
// build-console-assets.ts); Lambda sets LAMBDA_TASK_ROOT to that folder.
const bundleFolder = process.env.LAMBDA_TASK_ROOT ?? path.dirname(process.argv[1] ?? '.');
export const handler = createConsoleHandler({
  loadAssets: () => readConsoleAssets(bundleFolder),
  logger: createLogger('console'),
});
