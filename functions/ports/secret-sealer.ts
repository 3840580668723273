/**
 * Encrypts a tenant's webhook secret for storage and decrypts it for signing: KMS on AWS
 * (the tenant as encryption context), AES-256-GCM under a local key in the local stack.
 */
export interface SecretSealer {
  seal(secret: string, tenantId: string): Promise<string>;
  open(sealed: string, tenantId: string): Promise<string>;
}
