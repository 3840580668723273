import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TENANT_USAGE_PLAN } from '../../../../functions/resources/tenant-usage-plan.ts';
import { CONTEXT_PREFIX } from '../../../../infra/deployment-settings.ts';
import { synthesizeApp } from '../../../support/infra/synthesize-app.ts';

describe('createTenantUsagePlan', () => {
  const synthesized = synthesizeApp();

  it('takes each request’s API key from the authorizer', () => {
    synthesized.templates.api.hasResourceProperties('AWS::ApiGateway::RestApi', {
      ApiKeySourceType: 'AUTHORIZER',
    });
  });

  it('gives each tenant the default throttle and daily quota on the API stage', () => {
    const plans = synthesized.templates.api.findResources('AWS::ApiGateway::UsagePlan');
    expect(Object.values(plans)).toEqual([
      expect.objectContaining({
        Properties: expect.objectContaining({
          Throttle: {
            RateLimit: DEFAULT_TENANT_USAGE_PLAN.throttleRateLimit,
            BurstLimit: DEFAULT_TENANT_USAGE_PLAN.throttleBurstLimit,
          },
          Quota: { Limit: DEFAULT_TENANT_USAGE_PLAN.quota.limit, Period: 'DAY' },
          ApiStages: [
            expect.objectContaining({
              ApiId: { Ref: expect.stringMatching(/^Api[0-9A-F]{8}$/) },
              Stage: { Ref: expect.stringMatching(/^ApiDeploymentStage/) },
            }),
          ],
        }),
      }),
    ]);
    synthesized.templates.api.hasOutput('UsagePlanId', {
      Value: { Ref: Match.stringLikeRegexp('^ApiTenantUsagePlan') },
    });
  });

  it('takes the throttle and quota from the deployment settings, and no quota at 0', () => {
    const tuned = synthesizeApp({
      [`${CONTEXT_PREFIX}:tenantThrottleRateLimit`]: '2',
      [`${CONTEXT_PREFIX}:tenantThrottleBurstLimit`]: '4',
      [`${CONTEXT_PREFIX}:tenantQuotaLimit`]: '0',
    });
    const [plan] = Object.values(
      tuned.templates.api.findResources('AWS::ApiGateway::UsagePlan') as Record<
        string,
        { Properties: Record<string, unknown> }
      >,
    );
    expect(plan?.Properties.Throttle).toEqual({ RateLimit: 2, BurstLimit: 4 });
    expect(plan?.Properties).not.toHaveProperty('Quota');
  });

  it('creates no API key itself: the token CLI makes one per tenant', () => {
    synthesized.templates.api.resourceCountIs('AWS::ApiGateway::ApiKey', 0);
  });
});
