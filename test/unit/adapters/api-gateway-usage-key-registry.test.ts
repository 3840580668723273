import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { ApiGatewayUsageKeyRegistry } from '../../../functions/adapters/api-gateway-usage-key-registry.ts';

/** The API Gateway control plane as the registry calls it: each command recorded by name. */
function recordingApiGateway(created: { id?: string }) {
  const calls: [string, Record<string, unknown>][] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      calls.push([command.constructor.name, command.input]);
      return command.constructor.name === 'CreateApiKeyCommand' ? created : {};
    },
  };
  return { client: client as unknown as APIGatewayClient, calls };
}

describe('ApiGatewayUsageKeyRegistry', () => {
  it("creates the tenant's API key with its usage key as value, then adds it to the plan", async () => {
    const { client, calls } = recordingApiGateway({ id: 'key-123' });
    const registry = new ApiGatewayUsageKeyRegistry({ client, usagePlanId: 'plan-9' });

    const keyId = await registry.register({ tenantId: 'acme', usageKey: 'usage-key-of-acme-0123' });

    expect(keyId).toBe('key-123');
    expect(calls).toEqual([
      [
        'CreateApiKeyCommand',
        expect.objectContaining({
          name: 'tenant-acme',
          value: 'usage-key-of-acme-0123',
          enabled: true,
        }),
      ],
      [
        'CreateUsagePlanKeyCommand',
        { usagePlanId: 'plan-9', keyId: 'key-123', keyType: 'API_KEY' },
      ],
    ]);
  });

  it('adds nothing to the plan when API Gateway answers without a key id', async () => {
    const { client, calls } = recordingApiGateway({});
    const registry = new ApiGatewayUsageKeyRegistry({ client, usagePlanId: 'plan-9' });

    const registering = registry.register({ tenantId: 'acme', usageKey: 'k' });

    await expect(registering).rejects.toThrow('without an id');
    expect(calls.map(([name]) => name)).toEqual(['CreateApiKeyCommand']);
  });
});
