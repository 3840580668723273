import path from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { ApiRoute } from '../../functions/api/api-routes.ts';
import { REPO_ROOT } from '../repo-paths.ts';
import { ServiceFunction } from './service-function.ts';

const CONSOLE_ENTRY = 'functions/console/handler.ts';
const BUILD_SCRIPT = path.join(REPO_ROOT, 'functions/console/build-console-assets.ts');

export interface ConsoleFunctionProps {
  logRetention: logs.RetentionDays;
}

/**
 * The web console's function: `GET /` and `GET /console/{asset+}` on the API itself, so the
 * console shares the API's origin (no CORS, no second domain) and the same code serves it on
 * AWS and from `npm start`. Its page, scripts, styles and OpenAPI document are built with esbuild
 * from npm packages into the bundle's folder at synth; it touches no AWS resource, so its role
 * holds only its log and tracing grants.
 */
export class ConsoleFunction extends ServiceFunction<typeof CONSOLE_ENTRY> {
  constructor(scope: Construct, id: string, props: ConsoleFunctionProps) {
    super(scope, id, {
      entry: CONSOLE_ENTRY,
      description: 'GET / and /console/*: the web console (page, scripts, API reference)',
      memorySize: 256,
      timeout: Duration.seconds(5),
      logRetention: props.logRetention,
      environment: {},
      // The Node that runs the synth (24, from the project's own install) runs the build.
      afterBundling: (outputDir) => [`"${process.execPath}" "${BUILD_SCRIPT}" "${outputDir}"`],
    });
  }
}

/** The console's routes are public on purpose: the page and its assets, no data. */
export function acknowledgeConsoleRoute(method: apigateway.Method, route: ApiRoute): void {
  Validations.of(method).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason: `${route.method} ${route.path} serves the web console's static page and assets, which hold no data; every API call the console makes carries the user's bearer token and goes through the authorizer.`,
  });
  Validations.of(method).acknowledge({
    id: 'AwsSolutions-COG4',
    reason: `${route.method} ${route.path} is the console's public page (see APIG4); the API authenticates with per-user bearer tokens, not Cognito.`,
  });
}
