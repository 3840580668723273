import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * Runs a driver (a local stack with DEBUG logs, see the files beside this one) as a child
 * process and captures everything it and its worker print. The driver reports ready over IPC
 * with what the test needs (tokens and the like never go through the captured output), answers
 * each later message once it has acted on it, and stops on `{type: 'stop'}`.
 */
export async function startLoggedDriver<Ready>(driverPath: string) {
  let output = '';
  const driver = spawn(process.execPath, [driverPath], {
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'DEBUG' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const capture = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  driver.stdout?.on('data', capture);
  driver.stderr?.on('data', capture);
  const ready = await new Promise<Ready>((resolve, reject) => {
    driver.once('exit', (code) => reject(new Error(`driver exited (${code}): ${output}`)));
    driver.once('message', (message) => resolve(message as Ready));
  });
  return {
    ready,
    /** Everything captured so far. */
    output: () => output,
    /** Sends a message and resolves once the driver answers it. */
    ask(message: Record<string, unknown>): Promise<void> {
      return new Promise((resolve) => {
        driver.once('message', () => resolve());
        driver.send(message);
      });
    },
    async stop(): Promise<void> {
      if (driver.exitCode !== null) return;
      const exited = once(driver, 'exit');
      driver.send({ type: 'stop' });
      await exited;
    },
  };
}
