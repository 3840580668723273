import {
  type APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
} from '@aws-sdk/client-api-gateway';
import type { TenantUsageKey, UsageKeyRegistry } from '../ports/tenant-usage-keys.ts';

/**
 * Tenants' usage keys as API Gateway API keys in the tenant usage plan (the stack's
 * `UsagePlanId` output). Run by the token CLI with the operator's credentials; the API's own
 * functions never call the API Gateway control plane.
 */
export class ApiGatewayUsageKeyRegistry implements UsageKeyRegistry {
  readonly #client: APIGatewayClient;
  readonly #usagePlanId: string;

  constructor(options: { client: APIGatewayClient; usagePlanId: string }) {
    this.#client = options.client;
    this.#usagePlanId = options.usagePlanId;
  }

  async register(key: TenantUsageKey): Promise<string> {
    const apiKey = await this.#client.send(
      new CreateApiKeyCommand({
        name: `tenant-${key.tenantId}`,
        description: `Usage key of tenant ${key.tenantId} (quota identifier, made by npm run token)`,
        value: key.usageKey,
        enabled: true,
      }),
    );
    if (!apiKey.id) throw new Error('API Gateway created an API key without an id');
    await this.#client.send(
      new CreateUsagePlanKeyCommand({
        usagePlanId: this.#usagePlanId,
        keyId: apiKey.id,
        keyType: 'API_KEY',
      }),
    );
    return apiKey.id;
  }
}
