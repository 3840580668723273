/**
 * cdk-nag v3 acknowledges each finding by its exact id, `<Rule>[<finding>]` for rules that
 * report several findings per resource (IAM5). These build the ids our acknowledgements use.
 */
export function wildcardResourceFinding(resource: string): string {
  return `AwsSolutions-IAM5[Resource::${resource}]`;
}

/** How cdk-nag renders an ARN this deployment builds with `Stack.formatArn` for a reply queue. */
export function replyQueueWildcardFinding(replyQueueNamePrefix: string): string {
  return wildcardResourceFinding(
    `arn:<AWS::Partition>:sqs:<AWS::Region>:<AWS::AccountId>:${replyQueueNamePrefix}*`,
  );
}
