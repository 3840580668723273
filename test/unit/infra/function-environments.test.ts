import { Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { authorizerConfigSchema } from '../../../functions/authorizer/authorizer-config.ts';
import {
  contactsDirectConfigSchema,
  contactsHttpConfigSchema,
} from '../../../functions/contacts/contacts-config.ts';
import type { ConfigSchema } from '../../../functions/platform/parse-environment.ts';
import { sweeperConfigSchema } from '../../../functions/reply-queue-sweeper/sweeper-config.ts';
import { workerConfigSchema } from '../../../functions/worker/worker-config.ts';
import { ServiceFunction } from '../../../infra/constructs/service-function.ts';
import type { WorkerEnvironment } from '../../../infra/function-environments.ts';
import {
  createApp,
  functionByIdPrefix,
  resourceByIdPrefix,
  type SynthesizedApp,
  synthesizeApp,
} from '../../support/infra/synthesize-app.ts';

/** Variables a schema cannot do without: parsing an absent value fails. */
function requiredNames(schema: ConfigSchema): string[] {
  return Object.entries(schema.shape)
    .filter(([, value]) => !z.safeParse(value, undefined).success)
    .map(([name]) => name);
}

function variablesOf(synthesized: SynthesizedApp, functionId: string): string[] {
  const fn = functionByIdPrefix(synthesized.templates.api, functionId);
  const { Variables } = fn.Properties.Environment as { Variables: Record<string, unknown> };
  return Object.keys(Variables).filter((name) => name !== 'NODE_OPTIONS');
}

describe('function environments (the infra/runtime configuration contract)', () => {
  let synthesized: SynthesizedApp;
  beforeAll(() => {
    synthesized = synthesizeApp();
  });

  it.each([
    ['AuthorizerFunction', authorizerConfigSchema],
    ['ProfileHttpFunction', contactsHttpConfigSchema],
    ['ProfileDirectFunction', contactsDirectConfigSchema],
    ['ReplyQueueSweeperFunction', sweeperConfigSchema],
  ] as const)(
    'sets on %s only variables its schema reads, and every one it requires',
    (id, schema) => {
      // act
      const names = variablesOf(synthesized, id);

      // assert
      expect(Object.keys(schema.shape)).toEqual(expect.arrayContaining(names));
      expect(names).toEqual(expect.arrayContaining(requiredNames(schema)));
    },
  );

  it('sets on the worker container only variables its schema or its libraries read, and every one it requires', () => {
    // prepare
    const task = resourceByIdPrefix(
      synthesized.templates.worker,
      'AWS::ECS::TaskDefinition',
      'WorkerTask',
    );
    const [container] = task.Properties.ContainerDefinitions as {
      Environment: { Name: string }[];
    }[];

    // act
    const names = (container?.Environment ?? []).map((entry) => entry.Name);

    // assert
    const libraryNames = ['AWS_REGION', 'POWERTOOLS_METRICS_NAMESPACE'];
    expect([...Object.keys(workerConfigSchema.shape), ...libraryNames]).toEqual(
      expect.arrayContaining(names),
    );
    expect(names).toEqual(expect.arrayContaining(requiredNames(workerConfigSchema)));
    expect(names).not.toContain('SHARD_COUNT');
  });

  it('does not compile an environment that misses or adds a variable', () => {
    // prepare: these constructions are checked by `npm run typecheck`; each error is expected.
    const stack = new Stack(createApp(), 'TypeChecks');
    const build = () => {
      new ServiceFunction(stack, 'MissingTable', {
        entry: 'functions/authorizer/handler.ts',
        description: 'a required variable left out',
        logRetention: 1,
        // @ts-expect-error TOKENS_TABLE_NAME is required by the authorizer's schema
        environment: { TOKEN_CACHE_TTL_SECONDS: '60' },
      });
      new ServiceFunction(stack, 'ExtraVariable', {
        entry: 'functions/contacts/http/handler.ts',
        description: 'a variable the function never reads',
        logRetention: 1,
        environment: {
          CACHE_TABLE_NAME: 'cache',
          SESSIONS_TABLE_NAME: 'sessions',
          REQUEST_QUEUE_URLS: 'https://sqs.example/1',
          REPLY_QUEUE_NAME_PREFIX: 'reply-',
          // @ts-expect-error the HTTP profile function has no known-user check: no tokens table
          TOKENS_TABLE_NAME: 'tokens',
        },
      });
      const worker: WorkerEnvironment = {
        CACHE_TABLE_NAME: 'cache',
        SESSIONS_TABLE_NAME: 'sessions',
        REQUEST_QUEUE_URLS: 'https://sqs.example/1',
        WARMUP_QUEUE_URL: 'https://sqs.example/warmups',
        WA_BACKEND: 'baileys',
        AWS_REGION: 'eu-west-1',
        POWERTOOLS_METRICS_NAMESPACE: 'Test',
        // @ts-expect-error the request queue list is the shard count; nothing reads SHARD_COUNT
        SHARD_COUNT: '1',
      };
      return worker;
    };

    // act + assert: the same constructions are accepted at run time (the types are the guard)
    expect(build).not.toThrow();
  });
});
