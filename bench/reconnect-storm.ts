import { performance } from 'node:perf_hooks';
import type { WorkerSupervisor } from '../functions/local/worker-supervisor.ts';
import type { WhatsAppServerStandIn } from '../test/support/whatsapp/server-stand-in.ts';
import { roundTo } from './sample-statistics.ts';
import type { LookupsReport, SessionHostSample } from './session-host.ts';
import type { SessionHostAsk } from './session-host-client.ts';
import { hostWarnings } from './session-host-client.ts';

/**
 * A reconnect storm through the local supervisor, as ECS replaces a task that died: the worker
 * holding `sessions` sessions is killed with SIGKILL, the supervisor (functions/local/
 * worker-supervisor.ts) starts it again, and the new worker connects the shard's sessions as it
 * does once it holds the lease. Lookups go on at `lookupsPerSecond` from the moment the new
 * worker runs. Reports the time until every session is logged in on the stand-in again, the
 * lookups' latency during it, and the new worker's DynamoDB requests per second.
 */
export interface StormSettings {
  sessions: number;
  lookupsPerSecond: number;
  lookupSeconds: number;
  lookupDeadlineMs: number;
  identities: { tenantId: string; userId: string }[];
  /** Longest wait for every session to be served again; the storm reports how many were. */
  serveWithinMs: number;
  /** How the new worker paces its connects (WA_OPEN_CONCURRENCY, WA_OPEN_JITTER_MS). */
  pacing: { concurrency: number; jitterMs: number };
}

export async function reconnectStorm(
  settings: StormSettings,
  supervisor: WorkerSupervisor,
  whatsApp: WhatsAppServerStandIn,
  host: () => SessionHostAsk,
) {
  const oldPid = supervisor.pid;
  if (!oldPid) throw new Error('no worker to kill');
  const warningsBefore = hostWarnings.socketPoolAtCapacity;
  const killedAt = performance.now();
  process.kill(oldPid, 'SIGKILL');
  await whatsApp.waitUntil(() => whatsApp.loggedIn() < settings.sessions, 10_000);
  await whatsApp.waitUntil(() => supervisor.pid !== undefined && supervisor.pid !== oldPid, 60_000);
  const restartedMs = performance.now() - killedAt;
  const ask = host();
  const lookups = ask<LookupsReport>({
    type: 'lookups',
    count: settings.lookupsPerSecond * settings.lookupSeconds,
    perSecond: settings.lookupsPerSecond,
    deadlineMs: settings.lookupDeadlineMs,
    identities: settings.identities,
  });
  const during = ask<SessionHostSample>({ type: 'sample', windowMs: 30_000, noGc: true });
  let halfMs: number | undefined;
  const allServed = await whatsApp
    .waitUntil(() => {
      if (halfMs === undefined && whatsApp.loggedIn() >= settings.sessions / 2) {
        halfMs = performance.now() - killedAt;
      }
      return whatsApp.loggedIn() >= settings.sessions;
    }, settings.serveWithinMs)
    .then(
      () => true,
      () => false,
    );
  const allServedMs = performance.now() - killedAt;
  const servedAtEnd = whatsApp.loggedIn();
  const [lookupReport, sample] = await Promise.all([lookups, during]);
  const timeline = await ask<{
    requestsPerSecond: (number | null)[];
    throttled: number;
    failed: number;
    sinceStartMs: number;
  }>({ type: 'timeline' });
  const perSecond = timeline.requestsPerSecond.map((count) => count ?? 0);
  const connectSeconds = Math.max(1, Math.ceil((allServedMs - restartedMs) / 1000));
  const connecting = perSecond.slice(0, connectSeconds);
  return {
    lookupsPerSecond: settings.lookupsPerSecond,
    pacing: settings.pacing,
    sessions: settings.sessions,
    restartedAfterMs: roundTo(restartedMs, 0),
    halfServedAfterMs: halfMs === undefined ? null : roundTo(halfMs, 0),
    allServedAfterMs: allServed ? roundTo(allServedMs, 0) : null,
    allServedAfterRestartMs: allServed ? roundTo(allServedMs - restartedMs, 0) : null,
    servedWithinMs: settings.serveWithinMs,
    servedAtEnd,
    lookups: {
      count: settings.lookupsPerSecond * settings.lookupSeconds,
      answered: lookupReport.answered,
      failures: lookupReport.failures,
      p50Ms: lookupReport.p50Ms,
      p99Ms: lookupReport.p99Ms,
      maxMs: lookupReport.maxMs,
      deadlineMs: settings.lookupDeadlineMs,
    },
    dynamoDb: {
      peakRequestsPerSecond: Math.max(0, ...connecting),
      meanRequestsPerSecondWhileConnecting: roundTo(
        connecting.reduce((sum, count) => sum + count, 0) / connectSeconds,
        1,
      ),
      requestsWhileConnecting: connecting.reduce((sum, count) => sum + count, 0),
      throttled: timeline.throttled,
      failed: timeline.failed,
      socketPoolAtCapacityWarnings: hostWarnings.socketPoolAtCapacity - warningsBefore,
    },
    firstThirtySeconds: {
      cpuMs: sample.cpuMs,
      eventLoopDelayP99Ms: sample.eventLoopDelayP99Ms,
      eventLoopDelayMaxMs: sample.eventLoopDelayMaxMs,
    },
  };
}

export type ReconnectStorm = Awaited<ReturnType<typeof reconnectStorm>>;
