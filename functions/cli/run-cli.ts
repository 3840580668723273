import { ZodError } from 'zod';
import { describeZodError } from '../api/error-envelope.ts';

/** Prints what went wrong and how to call the command, then exits with the usage status. */
export function failWithUsage(message: string, usage: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

/** Runs a CLI's main function: its message on failure (never a stack), exit codes as usual. */
export function runCli(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      const message =
        error instanceof ZodError
          ? describeZodError(error)
          : error instanceof Error
            ? error.message
            : String(error);
      console.error(`${name}: ${message}`);
      process.exit(1);
    },
  );
}
