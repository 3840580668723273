import { describe, expect, it } from 'vitest';
import { DEMO_DIRECTORY_FILE } from '../../../functions/whatsapp/offline-directory.ts';
import { readWorkerConfig } from '../../../functions/worker/worker-config.ts';

const REQUIRED = {
  CACHE_TABLE_NAME: 'cache',
  SESSIONS_TABLE_NAME: 'sessions',
  REQUEST_QUEUE_URLS:
    'http://127.0.0.1:4566/000000000000/requests-0,http://127.0.0.1:4566/000000000000/requests-1',
  WA_BACKEND: 'offline',
  WARMUP_QUEUE_URL: 'http://127.0.0.1:4566/000000000000/warmups',
};

describe('readWorkerConfig', () => {
  it('reads one request queue per shard and fills in the defaults', () => {
    const config = readWorkerConfig(REQUIRED);

    expect(config.REQUEST_QUEUE_URLS).toHaveLength(2);
    expect(config.WA_DIRECTORY_FILE).toBe(DEMO_DIRECTORY_FILE);
    expect(config.WA_WEBSOCKET_URL).toBe('wss://web.whatsapp.com/ws/chat');
    expect(config.POWERTOOLS_SERVICE_NAME).toBe('session-worker');
  });

  it('fails fast naming a missing variable', () => {
    const { WA_BACKEND: _missing, ...withoutBackend } = REQUIRED;

    expect(() => readWorkerConfig(withoutBackend)).toThrow(/WA_BACKEND/);
  });

  it('refuses a backend it does not know', () => {
    expect(() => readWorkerConfig({ ...REQUIRED, WA_BACKEND: 'whatsmeow' })).toThrow(/WA_BACKEND/);
  });
});
