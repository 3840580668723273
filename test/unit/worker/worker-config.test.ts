import { describe, expect, it } from 'vitest';
import { DEMO_DIRECTORY_FILE } from '../../../functions/whatsapp/offline-directory.ts';
import { readWorkerConfig } from '../../../functions/worker/worker-config.ts';

const REQUIRED = {
  CACHE_TABLE_NAME: 'cache',
  SESSIONS_TABLE_NAME: 'sessions',
  REQUEST_QUEUE_URLS:
    'http://127.0.0.1:4566/000000000000/requests-0,http://127.0.0.1:4566/000000000000/requests-1',
  SESSION_COMMAND_QUEUE_URLS:
    'http://127.0.0.1:4566/000000000000/commands-0,http://127.0.0.1:4566/000000000000/commands-1',
  REPLY_QUEUE_NAME_PREFIX: 'abcd1234-stack-reply-',
  WA_BACKEND: 'offline',
  WARMUP_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/warmups',
  CREDENTIALS_KEY: 'arn:aws:kms:eu-west-1:123456789012:key/0b0c3f1e-4d5a-4f6b-9c7d-8e9f0a1b2c3d',
};

describe('readWorkerConfig', () => {
  it('reads one request queue per shard and fills in the defaults', () => {
    const config = readWorkerConfig(REQUIRED);

    expect(config.REQUEST_QUEUE_URLS).toHaveLength(2);
    expect(config.WA_DIRECTORY_FILE).toBe(DEMO_DIRECTORY_FILE);
    expect(config.WA_WEBSOCKET_URL).toBe('wss://web.whatsapp.com/ws/chat');
    expect(config.POWERTOOLS_SERVICE_NAME).toBe('session-worker');
  });

  it('refuses session-command queues that are not one per shard', () => {
    const oneCommandQueue = {
      ...REQUIRED,
      SESSION_COMMAND_QUEUE_URLS: 'http://127.0.0.1:4566/000000000000/commands-0',
    };

    expect(() => readWorkerConfig(oneCommandQueue)).toThrow(/SESSION_COMMAND_QUEUE_URLS/);
  });

  it('fails fast naming a missing variable', () => {
    const { WA_BACKEND: _missing, ...withoutBackend } = REQUIRED;

    expect(() => readWorkerConfig(withoutBackend)).toThrow(/WA_BACKEND/);
  });

  it('requires the key that seals the credentials, and refuses one it cannot use', () => {
    const { CREDENTIALS_KEY: _missing, ...withoutKey } = REQUIRED;

    expect(() => readWorkerConfig(withoutKey)).toThrow(/CREDENTIALS_KEY/);
    expect(() => readWorkerConfig({ ...REQUIRED, CREDENTIALS_KEY: 'alias/credentials' })).toThrow(
      /CREDENTIALS_KEY/,
    );
    expect(readWorkerConfig({ ...REQUIRED, CREDENTIALS_KEY: 'file:/tmp/k' }).CREDENTIALS_KEY).toBe(
      'file:/tmp/k',
    );
  });

  it('refuses a backend it does not know', () => {
    expect(() => readWorkerConfig({ ...REQUIRED, WA_BACKEND: 'whatsmeow' })).toThrow(/WA_BACKEND/);
  });
});
