import * as logs from 'aws-cdk-lib/aws-logs';

/** CloudWatch accepts only certain retention periods; a setting must name one of them. */
export function retentionDays(days: number): logs.RetentionDays {
  const allowed = Object.values(logs.RetentionDays).filter(
    (value): value is logs.RetentionDays => typeof value === 'number' && value > 0,
  );
  const match = allowed.find((value) => value === days);
  if (match === undefined) {
    throw new Error(`logRetentionDays must be one of CloudWatch's values: ${allowed.join(', ')}`);
  }
  return match;
}
