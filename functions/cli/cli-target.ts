import { readLocalStackFile } from '../local/local-stack-file.ts';

/**
 * Where a CLI command acts: AWS (or any endpoint) when TOKENS_TABLE_NAME / SESSIONS_TABLE_NAME
 * are set in the environment, otherwise the running local stack. Applies the local stack's
 * environment to this process so SDK clients created afterwards reach it.
 */
export async function resolveCliTarget(requiredVariable: string): Promise<'aws' | 'local'> {
  if (process.env[requiredVariable]) return 'aws';
  const stack = await readLocalStackFile();
  if (!stack) {
    throw new Error(
      `no local stack is running (start one with \`npm start\`) and ${requiredVariable} is not set (for AWS, set it from the stack outputs; see docs/deploy-and-operations.md)`,
    );
  }
  Object.assign(process.env, stack.environment);
  return 'local';
}
