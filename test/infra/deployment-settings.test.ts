import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readDeploymentSettings } from '../../infra/deployment-settings.ts';
import {
  MAX_REPLY_QUEUE_NAME_PREFIX_LENGTH,
  replyQueueNamePrefix,
} from '../../infra/reply-queue-name-prefix.ts';

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

  it('stops synth naming the context key of a bad value', () => {
    const app = new App({ context: { 'waContactProfile:liveLookupDeadlineMs': '30000' } });
    expect(() => readDeploymentSettings(app.node)).toThrow(/waContactProfile:liveLookupDeadlineMs/);
  });
});

describe('replyQueueNamePrefix', () => {
  it('derives the prefix from the stack name', () => {
    expect(replyQueueNamePrefix('WaContactProfile-Api')).toBe('WaContactProfile-Api-reply-');
  });

  it('stays within the 40 characters the profile function accepts, in SQS name characters', () => {
    const prefix = replyQueueNamePrefix('A-very-long-deployment-name.for.a.customer-Api');
    expect(prefix.length).toBeLessThanOrEqual(MAX_REPLY_QUEUE_NAME_PREFIX_LENGTH);
    expect(prefix).toMatch(/^[A-Za-z0-9_-]+-reply-$/);
  });
});
