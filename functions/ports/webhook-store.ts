/** A tenant's webhook as stored: the secret only sealed (see the secret sealer). */
export interface WebhookRecord {
  tenantId: string;
  url: string;
  events: string[];
  sealedSecret: string;
  updatedAt: string;
}

export interface WebhookStore {
  get(tenantId: string): Promise<WebhookRecord | null>;
  put(record: WebhookRecord): Promise<void>;
  /** False when the tenant had none. */
  delete(tenantId: string): Promise<boolean>;
}
