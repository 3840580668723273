import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/**
 * An optional WAF web ACL on the API's stage with one rate-based rule: a client IP address
 * sending more than `limitPer5Minutes` requests in any 5 minutes is blocked until its rate
 * falls (API Gateway answers with the WAF_FILTERED envelope). Everything else is allowed.
 */
export function createApiWebAcl(
  scope: Construct,
  props: { api: apigateway.RestApi; limitPer5Minutes: number },
): wafv2.CfnWebACL {
  const metricPrefix = props.api.restApiName.replace(/[^A-Za-z0-9_-]/g, '-');
  const webAcl = new wafv2.CfnWebACL(scope, 'ApiWebAcl', {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    description: 'Per-client rate limit in front of the contacts API',
    visibilityConfig: {
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${metricPrefix}-web-acl`,
    },
    rules: [
      {
        name: 'RateLimitPerClientIp',
        priority: 0,
        action: { block: {} },
        statement: {
          rateBasedStatement: {
            limit: props.limitPer5Minutes,
            evaluationWindowSec: 300,
            aggregateKeyType: 'IP',
          },
        },
        visibilityConfig: {
          cloudWatchMetricsEnabled: true,
          sampledRequestsEnabled: true,
          metricName: `${metricPrefix}-rate-per-ip`,
        },
      },
    ],
  });
  new wafv2.CfnWebACLAssociation(scope, 'ApiWebAclAssociation', {
    resourceArn: props.api.deploymentStage.stageArn,
    webAclArn: webAcl.attrArn,
  });
  return webAcl;
}
