import * as z from '../domain/validation/zod-mini.ts';
import { environmentValues, parseEnvironment } from '../platform/parse-environment.ts';
import {
  DEFAULT_CACHE_FRESH_SECONDS,
  MAX_LIVE_LOOKUP_DEADLINE_MS,
  REPLY_QUEUE_NAME_PREFIX_PATTERN,
} from '../resources/runtime-limits.ts';

const deadlineMs = () =>
  environmentValues.positiveInt.check(z.maximum(MAX_LIVE_LOOKUP_DEADLINE_MS));

/** What both contacts functions need to answer: the cache and the worker tier. */
const contactUseCasesShape = {
  CACHE_TABLE_NAME: environmentValues.name,
  SESSIONS_TABLE_NAME: environmentValues.name,
  REQUEST_QUEUE_URLS: environmentValues.urlList,
  REPLY_QUEUE_NAME_PREFIX: z.string().check(z.regex(REPLY_QUEUE_NAME_PREFIX_PATTERN)),
  LIVE_LOOKUP_DEADLINE_MS: z._default(deadlineMs(), 10_000),
  CACHE_FRESH_SECONDS: z._default(environmentValues.positiveInt, DEFAULT_CACHE_FRESH_SECONDS),
  STALE_FALLBACK_AFTER_MS: z._default(deadlineMs(), 3000),
};

/** GET /contacts/profile behind API Gateway: the authorizer has identified the caller. */
export const contactsHttpConfigSchema = z.object(contactUseCasesShape);

/** Direct invocations name a (tenant, user) themselves: the tokens table says it exists. */
export const contactsDirectConfigSchema = z.object({
  ...contactUseCasesShape,
  TOKENS_TABLE_NAME: environmentValues.name,
});

export type ContactUseCasesConfig = z.output<z.ZodMiniObject<typeof contactUseCasesShape>>;
export type ContactsHttpConfig = z.output<typeof contactsHttpConfigSchema>;
export type ContactsDirectConfig = z.output<typeof contactsDirectConfigSchema>;

export function readContactsHttpConfig(environment: NodeJS.ProcessEnv = process.env) {
  return parseEnvironment(contactsHttpConfigSchema, environment);
}

export function readContactsDirectConfig(environment: NodeJS.ProcessEnv = process.env) {
  return parseEnvironment(contactsDirectConfigSchema, environment);
}
