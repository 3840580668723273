import * as logs from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { retentionDays } from '../../../infra/log-retention.ts';

describe('retentionDays', () => {
  it('returns the CloudWatch retention for a number of days CloudWatch offers', () => {
    expect(retentionDays(30)).toBe(logs.RetentionDays.ONE_MONTH);
    expect(retentionDays(1)).toBe(logs.RetentionDays.ONE_DAY);
  });

  it('refuses a number of days CloudWatch does not offer, listing the ones it does', () => {
    // act
    const act = () => retentionDays(31);

    // assert
    expect(act).toThrow(/logRetentionDays must be one of CloudWatch's values: .*\b30\b/);
  });

  it('refuses zero, which would mean "never expire"', () => {
    expect(() => retentionDays(0)).toThrow(/logRetentionDays/);
  });
});
