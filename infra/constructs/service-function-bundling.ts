/**
 * How every Lambda is bundled, in one place: infra/constructs/service-function.ts hands these
 * options to NodejsFunction, and the bench (bench/lambda-bundles.ts) hands the same options to
 * esbuild, so the bundles it measures are the bundles CDK deploys. Plain data on purpose: the
 * bench imports it without loading aws-cdk-lib.
 */
export const SERVICE_FUNCTION_BUNDLING = {
  /**
   * CommonJS (index.js), not ESM: an ES module bundle imports Node's built-ins as ES modules, and
   * building a built-in's namespace reads all its exports (for `node:http`, that evaluates all of
   * undici); require() does not. Dependencies are still bundled from their ES module builds
   * (mainFields), so tree-shaking is the same. Measured in BENCHMARKS.md ("Cold init").
   */
  format: 'cjs',
  target: 'node24',
  minify: true,
  /** Written beside the bundle, with no sourceMappingURL comment: nothing loads it at run time. */
  sourceMap: 'external',
  mainFields: ['module', 'main'],
  // Bundle the SDK versions our tests ran against instead of the runtime's copy.
  externalModules: [],
  /**
   * Module replaced in the bundle → its replacement (relative to the repository root). The SDK
   * clients import their default credential chain statically; a Lambda needs only its first
   * link, the environment (see the replacement's comment).
   */
  alias: {
    '@aws-sdk/credential-provider-node': 'functions/platform/lambda-credential-provider.ts',
  },
} as const;

/**
 * The environment every function starts with, before its own configuration; the bench starts
 * its cold-start probes with the same (bench/run-bench.ts). No NODE_OPTIONS=--enable-source-maps:
 * the bundles name no source map, so it mapped nothing, and a linked map costs CPU at every cold
 * start (both measured in BENCHMARKS.md, "Cold init"). A stack trace's `index.js:1:<column>`
 * positions resolve offline against the `index.js.map` written beside the bundle.
 */
export const SERVICE_FUNCTION_ENVIRONMENT: Record<string, string> = {};
