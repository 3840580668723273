import { App } from 'aws-cdk-lib';
import { buildWaContactProfileApp } from './build-app.ts';

// `cdk synth` / `cdk deploy` entry point (cdk.json: "npx node infra/app.ts", Node 24 runs TS).
const app = new App();
buildWaContactProfileApp(app);
app.synth();
