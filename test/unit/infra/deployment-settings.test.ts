import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_FRESH_SECONDS } from '../../../functions/resources/runtime-limits.ts';
import { readDeploymentSettings } from '../../../infra/deployment-settings.ts';

describe('readDeploymentSettings', () => {
  it('uses production defaults when the context sets nothing', () => {
    const settings = readDeploymentSettings(new App().node);
    expect(settings).toMatchObject({
      appName: 'WaContactProfile',
      shardCount: 1,
      workerTaskCount: 1,
      liveLookupDeadlineMs: 10_000,
      replyQueueIdleSeconds: 3600,
    });
    expect(settings.alarmEmail).toBeUndefined();
    expect(settings.examples).toBe(false);
  });

  it.each([
    ['true', true],
    ['false', false],
    [true, true],
  ])('reads examples=%s as %s', (value, expected) => {
    const app = new App({ context: { 'waContactProfile:examples': value } });
    expect(readDeploymentSettings(app.node).examples).toBe(expected);
  });

  it('refuses an examples value that is neither true nor false', () => {
    const app = new App({ context: { 'waContactProfile:examples': 'yes' } });
    expect(() => readDeploymentSettings(app.node)).toThrow(/waContactProfile:examples/);
  });

  it('reads values given on the command line as strings', () => {
    const app = new App({
      context: {
        'waContactProfile:shardCount': '4',
        'waContactProfile:alarmEmail': 'ops@example.com',
      },
    });
    expect(readDeploymentSettings(app.node)).toMatchObject({
      shardCount: 4,
      alarmEmail: 'ops@example.com',
    });
  });

  it.each([
    ['tokenCacheTtlSeconds', 61, /waContactProfile:tokenCacheTtlSeconds: at most 60/],
    [
      'liveLookupDeadlineMs',
      10_500,
      /waContactProfile:liveLookupDeadlineMs: a whole number of seconds/,
    ],
    ['liveLookupDeadlineMs', 26_000, /waContactProfile:liveLookupDeadlineMs: at most 25000/],
    [
      'logRetentionDays',
      31,
      /waContactProfile:logRetentionDays: one of CloudWatch's retention periods/,
    ],
    ['workerCpu', 300, /waContactProfile:workerCpu: one of Fargate's CPU sizes/],
    [
      'workerMemoryMiB',
      512,
      /waContactProfile:workerMemoryMiB: with workerCpu 512, Fargate accepts 1024/,
    ],
    [
      'cacheMaxStaleSeconds',
      60,
      /waContactProfile:cacheMaxStaleSeconds: at least cacheFreshSeconds/,
    ],
  ])('refuses %s=%s, which the runtime would refuse, naming the setting', (key, value, message) => {
    const app = new App({ context: { [`waContactProfile:${key}`]: value } });
    expect(() => readDeploymentSettings(app.node)).toThrow(message);
  });

  it('defaults cache freshness to what the functions assume when the variable is unset', () => {
    expect(readDeploymentSettings(new App().node).cacheFreshSeconds).toBe(
      DEFAULT_CACHE_FRESH_SECONDS,
    );
  });

  it('stops synth naming the context key of a bad value', () => {
    const app = new App({ context: { 'waContactProfile:liveLookupDeadlineMs': '30000' } });
    expect(() => readDeploymentSettings(app.node)).toThrow(/waContactProfile:liveLookupDeadlineMs/);
  });
});
