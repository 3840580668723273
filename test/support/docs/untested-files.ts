/**
 * The source files without a test of the same name in the mirrored place, and why: rendered into
 * docs/architecture.md ("Logic files without a test of the same name, and why") by
 * `test-mirror.ts`. test/unit/test-mirror.test.ts fails when a file with logic has no mirrored
 * test and is not in EXERCISED_ELSEWHERE, or when a file named here no longer exists or has
 * gained its test (then its line goes).
 */

export interface ListedFiles {
  /** Paths from the repository root; `<folder>/*` for every file directly in a folder. */
  files: string[];
}

export interface NoLogic extends ListedFiles {
  reason: string;
}

export interface ExercisedElsewhere extends ListedFiles {
  exercisedBy: string;
  why: string;
}

/**
 * Files that decide nothing: declarations, constants, schemas read by their readers' tests,
 * entry files. A folder pattern leaves out the files of it that have a test of their own.
 */
export const NO_LOGIC: NoLogic[] = [
  {
    reason: 'ports, interfaces only',
    files: ['functions/ports/*', 'functions/reply-queue-sweeper/reply-queue-registry.ts'],
  },
  {
    reason:
      'configuration schemas (zod), checked against the synthesized templates by `test/unit/infra/function-environments.test.ts`',
    files: [
      'functions/admin-api/admin-config.ts',
      'functions/authorizer/authorizer-config.ts',
      'functions/contacts/contacts-config.ts',
      'functions/reply-queue-sweeper/sweeper-config.ts',
      'functions/session-api/session-config.ts',
      'functions/webhook-delivery/webhook-delivery-config.ts',
      'functions/whatsapp/baileys-directory-config.ts',
    ],
  },
  {
    reason: 'zod schemas and types of messages and records, read by the tests of their readers',
    files: [
      'functions/contracts/session-commands.ts',
      'functions/contracts/warmup-messages.ts',
      'functions/domain/contact/contact-profile.ts',
      'functions/domain/session/identifier-schema.ts',
      'functions/whatsapp/session-role.ts',
      'functions/worker/message-decision.ts',
      // The webhook's event bodies: the change-notifications suite parses what it receives with them.
      'functions/api/event-bodies.ts',
    ],
  },
  {
    reason: 'definitions and constants',
    files: [
      'functions/resources/table-definitions.ts',
      'functions/resources/runtime-limits.ts',
      'functions/resources/shard-lease-record.ts',
      'functions/resources/worker-heartbeat-metric.ts',
      'functions/resources/event-definitions.ts',
      'functions/resources/tenant-usage-plan.ts',
      'functions/domain/errors/error-codes.ts',
      'functions/domain/events/event-types.ts',
      'functions/api/authorizer-timeout.ts',
      'functions/console/browser/qr-drawing-options.ts',
      'infra/repo-paths.ts',
    ],
  },
  {
    reason:
      'the OpenAPI document by area: declarations, tested as a whole by `test/unit/api/openapi/openapi-document.test.ts` and the typed client of `test/integration/api/typed-openapi-client.test.ts`',
    files: ['functions/api/openapi/*'],
  },
  {
    reason: 'one-line wrappers of a library',
    files: ['functions/platform/logger.ts', 'functions/platform/lambda-credential-provider.ts'],
  },
  {
    reason: 'entry files that only call their `wire…` factory (or start the process)',
    files: [
      'functions/admin-api/handler.ts',
      'functions/authorizer/handler.ts',
      'functions/console/handler.ts',
      'functions/contacts/direct/handler.ts',
      'functions/contacts/http/handler.ts',
      'functions/reply-queue-sweeper/handler.ts',
      'functions/session-api/handler.ts',
      'functions/webhook-delivery/handler.ts',
      'functions/worker/main.ts',
      'infra/app.ts',
    ],
  },
];

/** Files with logic and no mirrored test: where they are exercised instead, and why. */
export const EXERCISED_ELSEWHERE: ExercisedElsewhere[] = [
  {
    files: [
      'functions/adapters/wire-webhook-settings.ts',
      'functions/authorizer/wire-authorizer-handler.ts',
      'functions/contacts/wire-contacts.ts',
      'functions/reply-queue-sweeper/wire-sweeper-handler.ts',
      'functions/session-api/wire-session-http-handler.ts',
      'functions/session-api/wire-session-use-cases.ts',
      'functions/platform/aws-clients.ts',
      'functions/platform/optional-aws-clients.ts',
    ],
    exercisedBy:
      "every suite of `test/integration/api/` (the local stack calls the `wire…` factories), `shipped-bundles.test.ts`, `sqs-reply-queue-registry.test.ts` (the sweeper's)",
    why: 'wiring: real adapters from configuration, no decision of their own',
  },
  {
    files: ['functions/worker/worker-heartbeat-metric.ts'],
    exercisedBy: '`test/unit/infra/stacks/observability-stack.test.ts` (the alarm on its metric)',
    why: 'an interval around one Powertools call; a test would assert the library',
  },
  {
    files: ['functions/whatsapp/serving-session.ts', 'functions/whatsapp/pairing-session.ts'],
    exercisedBy:
      '`test/integration/whatsapp/whatsapp-session.test.ts`, `baileys-session-control.test.ts`, `stand-in-pairing.test.ts`',
    why: 'roles of `WhatsAppSession`, meaningful only on a socket',
  },
  {
    files: ['functions/whatsapp/pairing-code-query.ts'],
    exercisedBy:
      '`test/integration/whatsapp/stand-in-pairing.test.ts`, `stand-in-stanza-coverage.test.ts` (the stand-in checks the request and answers it)',
    why: "the request is sealed with Baileys' pairing-code crypto over a session's credentials: checked by the stand-in that opens it",
  },
  {
    files: [
      'functions/console/browser/admin-panel.ts',
      'functions/console/browser/api-reference.ts',
      'functions/console/browser/dom.ts',
      'functions/console/browser/lookup-panel.ts',
      'functions/console/browser/main.ts',
      'functions/console/browser/session-panel.ts',
      'functions/console/build-console-assets.ts',
    ],
    exercisedBy:
      '`test/browser/console.test.ts` (the console built by esbuild and driven in headless Chromium)',
    why: 'the page itself: DOM code is tested in a real browser',
  },
  {
    files: [
      'functions/cli/run-cli.ts',
      'functions/cli/token-cli.ts',
      'functions/cli/write-openapi-document.ts',
    ],
    exercisedBy:
      '`test/integration/cli/session-cli.test.ts`, `test/unit/cli/api-token-commands.test.ts` (what the token CLI runs), `test/unit/api/openapi/openapi-document.test.ts` (the written document is the committed one)',
    why: 'argument parsing and process I/O around tested commands',
  },
  {
    files: [
      'functions/local/local-queue-poller.ts',
      'functions/local/local-stack-file.ts',
      'functions/local/local-stack.ts',
      'functions/local/provision-local-resources.ts',
      'functions/local/start-local-stack.ts',
    ],
    exercisedBy:
      'every suite of `test/integration/api/` (the webhook deliveries of `tenant-administration.test.ts` go through the queue poller), `test/integration/local/one-local-stack-per-folder.test.ts`, `worker-supervisor.test.ts`',
    why: 'the local stack itself: a test of it is a test over HTTP',
  },
  {
    files: [
      'infra/build-app.ts',
      'infra/constructs/console-function.ts',
      'infra/constructs/credentials-key.ts',
      'infra/constructs/service-function-bundling.ts',
      'infra/constructs/service-function.ts',
      'infra/constructs/session-function.ts',
      'infra/constructs/sessions-table-grants.ts',
    ],
    exercisedBy:
      "the template tests of `test/unit/infra/stacks/` (each role's exact statements, the key policies), `synth-without-credentials.test.ts`, `cfn-lint` in CI",
    why: 'constructs that bundle functions: a template of their own would repeat the stack tests',
  },
];
