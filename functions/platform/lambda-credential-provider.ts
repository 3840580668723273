import { type FromEnvInit, fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles only (esbuild alias in
 * infra/constructs/service-function-bundling.ts); tests and the local stack keep the SDK's
 * default chain. Lambda puts the execution role's credentials in the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), which is the first link of that
 * chain, so the other links (SSO, shared files, process, web identity, container and instance
 * metadata, with the STS and SSO clients they carry) are code a function never runs: a third of
 * the authorizer's bundle. Same export, same result on Lambda.
 */
export const defaultProvider = (init: FromEnvInit = {}) => fromEnv(init);
