import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { type DeploymentSettings, tenantUsagePlanOf } from '../deployment-settings.ts';

/**
 * The usage plan every tenant's API key joins (the token CLI adds the key with the tenant's
 * first token): each tenant gets this throttle and quota on its own, so one tenant's traffic
 * cannot spend another's. The stage's own throttle still bounds the sum.
 */
export function createTenantUsagePlan(props: {
  api: apigateway.RestApi;
  settings: DeploymentSettings;
}): apigateway.UsagePlan {
  const plan = tenantUsagePlanOf(props.settings);
  return props.api.addUsagePlan('TenantUsagePlan', {
    name: `${props.api.restApiName}-tenant`,
    description: 'Per-tenant throttle and quota; one API key per tenant',
    throttle: { rateLimit: plan.throttleRateLimit, burstLimit: plan.throttleBurstLimit },
    ...(plan.quota
      ? { quota: { limit: plan.quota.limit, period: apigateway.Period[plan.quota.period] } }
      : {}),
    apiStages: [{ api: props.api, stage: props.api.deploymentStage }],
  });
}
