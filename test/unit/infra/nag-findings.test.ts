import { describe, expect, it } from 'vitest';
import { replyQueueWildcardFinding, wildcardResourceFinding } from '../../../infra/nag-findings.ts';

describe('nag findings', () => {
  it('names the AwsSolutions-IAM5 finding of one wildcard resource', () => {
    expect(wildcardResourceFinding('arn:aws:sqs:*')).toBe(
      'AwsSolutions-IAM5[Resource::arn:aws:sqs:*]',
    );
  });

  it('names the finding of the reply queues’ prefix wildcard as cdk-nag renders the ARN', () => {
    // act
    const finding = replyQueueWildcardFinding('1a2b3c4d-Api-reply-');

    // assert
    expect(finding).toBe(
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sqs:<AWS::Region>:<AWS::AccountId>:1a2b3c4d-Api-reply-*]',
    );
  });
});
