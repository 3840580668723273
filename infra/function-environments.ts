import type { adminConfigSchema } from '../functions/admin-api/admin-config.ts';
import type { authorizerConfigSchema } from '../functions/authorizer/authorizer-config.ts';
import type {
  contactsDirectConfigSchema,
  contactsHttpConfigSchema,
} from '../functions/contacts/contacts-config.ts';
import type { EnvironmentOf } from '../functions/platform/parse-environment.ts';
import type { sweeperConfigSchema } from '../functions/reply-queue-sweeper/sweeper-config.ts';
import type { sessionConfigSchema } from '../functions/session-api/session-config.ts';
import type { webhookDeliveryConfigSchema } from '../functions/webhook-delivery/webhook-delivery-config.ts';
import type { workerConfigSchema } from '../functions/worker/worker-config.ts';

/**
 * The environment of each Lambda entry point, derived from the zod schema that function parses
 * at cold start. `ServiceFunction` takes the entry and its environment together, so a variable
 * the function requires but the stack leaves out, or one the stack sets but the function never
 * reads, is a compile error.
 */
export interface FunctionEnvironments {
  'functions/authorizer/handler.ts': EnvironmentOf<typeof authorizerConfigSchema>;
  'functions/contacts/http/handler.ts': EnvironmentOf<typeof contactsHttpConfigSchema>;
  'functions/contacts/direct/handler.ts': EnvironmentOf<typeof contactsDirectConfigSchema>;
  'functions/reply-queue-sweeper/handler.ts': EnvironmentOf<typeof sweeperConfigSchema>;
  'functions/session-api/handler.ts': EnvironmentOf<typeof sessionConfigSchema>;
  /** The console reads no configuration: its files are in its bundle. */
  'functions/console/handler.ts': Record<never, string>;
  'functions/admin-api/handler.ts': EnvironmentOf<typeof adminConfigSchema>;
  'functions/webhook-delivery/handler.ts': EnvironmentOf<typeof webhookDeliveryConfigSchema>;
}

export type FunctionEntry = keyof FunctionEnvironments;

/**
 * Variables read by the libraries in the container rather than by our schema: the SDK's region
 * and the Powertools metrics namespace of the heartbeat.
 */
type WorkerLibraryEnvironment = {
  AWS_REGION: string;
  POWERTOOLS_METRICS_NAMESPACE: string;
};

/** The session worker container's environment: its config schema plus the libraries' own. */
export type WorkerEnvironment = EnvironmentOf<typeof workerConfigSchema> & WorkerLibraryEnvironment;
