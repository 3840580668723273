import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One Powertools logger per process. Locally POWERTOOLS_LOG_LEVEL (or LOG_LEVEL) controls it;
 * tests and the local stack keep it quiet unless asked.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}
