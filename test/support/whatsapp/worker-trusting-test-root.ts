import { trustTestRootKey } from './server-stand-in.ts';

/**
 * Test-only entry of the session worker process: trusts the certificate root of the test's
 * WhatsApp server stand-in (hex in TEST_WHATSAPP_ROOT_KEY), then runs the real worker. Lets a
 * local stack's worker pair and serve sessions against the stand-in end to end.
 */
const rootKey = process.env.TEST_WHATSAPP_ROOT_KEY;
if (!rootKey) throw new Error('TEST_WHATSAPP_ROOT_KEY is required (the stand-in root key, hex)');
trustTestRootKey(Buffer.from(rootKey, 'hex'));
await import('../../../functions/worker/main.ts');
