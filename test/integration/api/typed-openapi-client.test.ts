import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_FILE } from '../../../functions/cli/write-openapi-document.ts';
import type { LocalStack } from '../../../functions/local/local-stack.ts';
import { SEED_PROFILE } from '../../support/contacts/seed-profile.ts';
import { isErrorEnvelope } from '../../support/http/api-client.ts';
import { startLocalStackWithToken } from '../../support/local-stack/local-stack-with-token.ts';
import { documentedResponseChecker } from '../../support/openapi/documented-response.ts';
import { TYPED_CLIENT_CALLS } from '../../support/openapi/typed-client-calls.ts';

const REPO_ROOT = new URL('../../../', import.meta.url).pathname;
const TSC = path.join(REPO_ROOT, 'node_modules/typescript/lib/tsc.js');
const DEMO_DIRECTORY = path.join(REPO_ROOT, 'functions/data/demo-directory.json');

/** The document proven usable by a real generated client, not only valid. */
describe('a client generated from docs/openapi.json (openapi-typescript + openapi-fetch)', () => {
  let stack: LocalStack;
  let token: string;
  let folder: string;

  beforeAll(async () => {
    ({ stack, token } = await startLocalStackWithToken());
    // Inside the repository (ignored .local/), so openapi-fetch resolves from its node_modules.
    await mkdir(path.join(REPO_ROOT, '.local'), { recursive: true });
    folder = await mkdtemp(path.join(REPO_ROOT, '.local', 'typed-client-'));
  });

  afterAll(async () => {
    await stack?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('generates types that name every operation, typecheck with their calls, and get the contract’s bodies', async () => {
    // prepare: generate the types and write the program that uses them
    const types = astToString(await openapiTS(await readFile(OPENAPI_FILE, 'utf8')));
    await writeFile(path.join(folder, 'api-types.ts'), types);
    await writeFile(path.join(folder, 'client-calls.ts'), TYPED_CLIENT_CALLS);
    await writeFile(
      path.join(folder, 'tsconfig.json'),
      JSON.stringify({
        extends: path.join(REPO_ROOT, 'tsconfig.json'),
        compilerOptions: { lib: ['es2024', 'dom'], types: [] },
        include: ['*.ts'],
        exclude: [],
      }),
    );

    // act: typecheck it (strict, as the repository is), then call the local stack with it
    const typecheck = await promisify(execFile)(process.execPath, [TSC, '-p', folder]).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
    );
    const { callWithTypedClient } = await import(path.join(folder, 'client-calls.ts'));
    const results = await callWithTypedClient(stack.url, token);
    const demo = JSON.parse(await readFile(DEMO_DIRECTORY, 'utf8'));
    const documented = documentedResponseChecker(JSON.parse(await readFile(OPENAPI_FILE, 'utf8')));
    const answers = [
      ['/contacts/profile', 'get', results.profile],
      ['/contacts/profile-picture', 'get', results.picture],
      ['/contacts/profiles', 'post', results.batch],
      ['/session', 'get', results.session],
      ['/session/pair', 'post', results.badPhone],
      ['/contacts/profile', 'get', results.notFound],
      ['/session', 'get', results.unauthorized],
    ] as const;

    // assert: it compiles, every operation has its id, and each call got the contract's body
    expect(typecheck).toEqual({ code: 0, output: '' });
    expect(types).toContain('getContactProfile: {');
    expect(types).not.toContain('operations = Record<string, never>');
    expect(results.profile).toEqual({ status: 200, body: { success: true, data: SEED_PROFILE } });
    expect(results.status).toBe(SEED_PROFILE.user_info.Status);
    expect(results.picture).toEqual({
      status: 200,
      body: {
        success: true,
        data: { jid: SEED_PROFILE.jid, picture: demo[0].profile_picture },
      },
    });
    expect(results.batch.status).toBe(200);
    expect(results.batch.body.data).toHaveLength(2);
    expect(results.batch.body.data[0]).toEqual({ success: true, data: SEED_PROFILE });
    expect(results.session).toEqual({
      status: 200,
      body: { success: true, data: { status: 'unpaired', jid: null, since: null } },
    });
    expect(results.badPhone.status).toBe(400);
    expect(isErrorEnvelope(results.badPhone.body, 'VALIDATION_ERROR')).toBe(true);
    expect(results.notFound.status).toBe(404);
    expect(isErrorEnvelope(results.notFound.body, 'NOT_FOUND')).toBe(true);
    expect(results.unauthorized.status).toBe(401);
    expect(results.unauthorized.errorCode).toBe('UNAUTHORIZED');
    // and every answer is one the document describes, for its operation and status
    for (const [path, method, answer] of answers) {
      expect(documented(path, method, answer.status, answer.body), `${method} ${path}`).toEqual([]);
    }
  }, 60_000);
});
