/**
 * A tenant's usage key: the value of the tenant's API Gateway API key, which the authorizer
 * returns as `usageIdentifierKey` so that API Gateway counts every request of the tenant
 * against the usage plan's throttle and quota. It identifies a quota, it is not a credential
 * (the bearer token is), but it is never logged or shown: knowing it is knowing whose quota a
 * request would spend.
 */
export interface TenantUsageKey {
  tenantId: string;
  usageKey: string;
  /** The API Gateway API key holding `usageKey`, once the token CLI registered it on AWS. */
  apiKeyId?: string;
}

export interface TenantUsageKeys {
  find(tenantId: string): Promise<TenantUsageKey | null>;
  /** The tenant's key, made (with a fresh random value) when the tenant has none yet. */
  ensure(tenantId: string): Promise<TenantUsageKey>;
  /** Records the API key that holds the tenant's usage key. */
  recordApiKey(tenantId: string, apiKeyId: string): Promise<void>;
}

/** Where a tenant's usage key becomes an API key of the deployment's tenant usage plan. */
export interface UsageKeyRegistry {
  /** Creates the API key holding `usageKey` in the usage plan; returns the API key's id. */
  register(key: TenantUsageKey): Promise<string>;
}
