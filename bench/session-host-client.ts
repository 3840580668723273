import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { SessionHostCommand } from './session-host.ts';

/**
 * Talks to a session host (bench/session-host.ts) over IPC, several commands at a time, each
 * answer matched to its command by id; and counts the DynamoDB client's socket-pool warnings
 * in what the host writes to stderr.
 */
export function sessionHostClient(child: ChildProcess) {
  let nextId = 0;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.on('message', (message: { id?: number; ok: boolean; result?: unknown; error?: string }) => {
    const waiting = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiting || message.id === undefined) return;
    pending.delete(message.id);
    if (message.ok) waiting.resolve(message.result);
    else waiting.reject(new Error(`the session host failed: ${message.error}`));
  });
  child.once('exit', (code, signal) => {
    for (const waiting of pending.values()) {
      waiting.reject(new Error(`the session host exited (${signal ?? code})`));
    }
    pending.clear();
  });
  return <T>(command: SessionHostCommand): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...command, id });
    });
}

export type SessionHostAsk = ReturnType<typeof sessionHostClient>;

/** What the hosts wrote to stderr that the bench counts. */
export const hostWarnings = { socketPoolAtCapacity: 0, lines: [] as string[] };

/** Spawns a host with `command`/`args` and resolves once it reports ready. */
export async function spawnSessionHost(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<ChildProcess> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  if (child.stderr) {
    createInterface({ input: child.stderr }).on('line', (line) => {
      // @smithy/node-http-handler: "socket usage at capacity=50 and N additional requests are enqueued"
      if (line.includes('socket usage at capacity')) hostWarnings.socketPoolAtCapacity += 1;
      else if (hostWarnings.lines.length < 200) hostWarnings.lines.push(line);
    });
  }
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the session host exited before it was ready (${code})`);
    }),
  ])) as [{ ok: boolean }];
  if (!message.ok) throw new Error('the session host failed to start');
  return child;
}
