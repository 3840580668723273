import { parseArgs } from 'node:util';
import { $ZodError } from 'zod/v4/core';
import { describeZodError } from '../api/error-envelope.ts';

/** Prints what went wrong and how to call the command, then exits with the usage status. */
export function failWithUsage(message: string, usage: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

/** A CLI's command line: the command, what follows it, and the string options given. */
export interface CommandLine<Name extends string> {
  command: string;
  operands: string[];
  values: Partial<Record<Name, string>>;
}

/**
 * Reads a command line of a command, operands and string options (plus --help). Prints the
 * usage and returns undefined when help is asked for or no command is given.
 */
export function parseCommandLine<Name extends string>(
  usage: string,
  optionNames: readonly Name[],
): CommandLine<Name> | undefined {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      ...Object.fromEntries(optionNames.map((name) => [name, { type: 'string' as const }])),
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...operands] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return undefined;
  }
  return { command, operands, values: values as Partial<Record<Name, string>> };
}

/** Runs a CLI's main function: its message on failure (never a stack), exit codes as usual. */
export function runCli(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      const message =
        error instanceof $ZodError
          ? describeZodError(error)
          : error instanceof Error
            ? error.message
            : String(error);
      console.error(`${name}: ${message}`);
      process.exit(1);
    },
  );
}
