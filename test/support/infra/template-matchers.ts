import { expect } from 'vitest';

/** A value the stack imports from another one's exports, by a pattern of the export's name. */
export const importOf = (pattern: string | RegExp) => ({
  'Fn::ImportValue': expect.stringMatching(pattern),
});

/** Statements every ServiceFunction role starts with: its log group, and tracing. */
export const LOG_WRITE = {
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Effect: 'Allow',
  Resource: { 'Fn::GetAtt': [expect.stringMatching(/Logs/), 'Arn'] },
};
export const XRAY_WRITE = {
  Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
  Effect: 'Allow',
  Resource: '*',
};
