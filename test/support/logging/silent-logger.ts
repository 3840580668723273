import { Logger } from '@aws-lambda-powertools/logger';

/** A real Powertools logger that writes nothing: tests spy on it, or just need one to pass. */
export function silentLogger(serviceName = 'test'): Logger {
  return new Logger({ serviceName, logLevel: 'SILENT' });
}
