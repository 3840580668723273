import { expect } from 'vitest';

/** What a template writes for a value exported by another stack, its export name matching. */
export const importOf = (pattern: string) => ({
  'Fn::ImportValue': expect.stringMatching(pattern),
});

/** The statements every ServiceFunction role starts with: its own log group ... */
export const LOG_WRITE = {
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Effect: 'Allow',
  Resource: { 'Fn::GetAtt': [expect.stringMatching(/Logs/), 'Arn'] },
};

/** ... and tracing, which ends it. */
export const XRAY_WRITE = {
  Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
  Effect: 'Allow',
  Resource: '*',
};
