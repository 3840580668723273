import { table } from './bench-docs.ts';
import type { BenchResults } from './bench-results.ts';

/**
 * The generated blocks of docs/capacity.md that render `capacityAtClaim` (npm run
 * bench:capacity): the run at the claimed count, the CPU of each kind of incoming message, and
 * the reconnect storms. Registered in bench-docs.ts with the other blocks.
 */

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([name, count]) => `${name.replace(/Command$/, '')} ${count}`)
    .join(', ') || 'none';

/** Headroom a task keeps (GC, reconnect storms, bursts of lookups), as the plan prices it. */
export const CLAIM_HEADROOM = { memoryShare: 0.75, cpuShare: 0.6 } as const;

/** Whether the run held its sessions within the headroom, and what broke it if not. */
export function claimOf(run: NonNullable<BenchResults['capacityAtClaim']>) {
  const broken = [
    run.lookups.answered < run.lookups.count && 'lookups failed',
    run.messages.retries > 0 && 'messages failed to decrypt',
    run.memory.peakRssMb > run.task.memoryMb * CLAIM_HEADROOM.memoryShare &&
      `peak RSS over ${CLAIM_HEADROOM.memoryShare * 100} % of the task's memory`,
    run.cpu.meanMsPerSecond > 1000 * CLAIM_HEADROOM.cpuShare &&
      `mean CPU over ${CLAIM_HEADROOM.cpuShare * 100} % of the task's vCPU`,
  ].filter((reason): reason is string => Boolean(reason));
  return { sessions: run.sessions, held: broken.length === 0, broken };
}

export function capacityAtClaimBlock(results: BenchResults): string[] {
  const run = results.capacityAtClaim;
  if (!run) return ['No run at the claimed count is recorded in bench/results.json.'];
  const { memory, cpu, lookups, messages, loadAverage1m: load } = run;
  const failures = Object.values(lookups.failures).reduce((sum, count) => sum + count, 0);
  const claim = claimOf(run);
  const memoryShare = Math.round((memory.peakRssMb / run.task.memoryMb) * 100);
  const cpuShare = Math.round(cpu.meanMsPerSecond / 10);
  return [
    `Measured ${run.date} on ${run.machine.cpu} (${run.machine.cores} cores shared with other work), Node ${run.machine.node}: ${run.sessions} sessions in one worker process for ${run.minutes} minutes. Load average (1 min) ${load.atStart} at the start, ${load.duringMin} to ${load.duringMax} during the window (median ${load.duringMedian}), ${load.atEnd} at the end. Limits: ${run.limits}.`,
    '',
    ...table(
      ['Measure', 'Value'],
      [
        ['First connect of every session (worker start, paced)', `${run.firstConnectMs} ms`],
        [
          'Worker memory',
          `peak ${memory.peakRssMb} MB RSS, settled ${memory.settledRssMb} MB RSS (${memory.settledHeapUsedMb} MB heap); cgroup peak ${memory.cgroupPeakMb ?? '-'} MB, limit hit ${memory.cgroupLimitHits ?? '-'} times`,
        ],
        [
          'Worker CPU (ms per second: ‰ of its one CPU)',
          `mean ${cpu.meanMsPerSecond}, busiest 30 s ${cpu.maxSampleMsPerSecond}`,
        ],
        [
          'Event-loop delay',
          `p99 ${run.eventLoopDelay.p99MedianMs} ms (median of 30 s windows), worst window p99 ${run.eventLoopDelay.p99WorstMs} ms, max ${run.eventLoopDelay.maxMs} ms`,
        ],
        [
          `Incoming messages, ${messages.perMinutePerSession} a minute per session`,
          `${messages.pushed} (${messages.mix}); by encryption: ${list(messages.byEncryption)}; ${messages.decrypted} decrypted, ${messages.retries} retry receipts, ${messages.plainAcks} plain acks, ${messages.nacks} negative acks`,
        ],
        [
          'Lookups during the window',
          `${lookups.answered} of ${lookups.count} answered (${failures} failed); p50 ${lookups.p50Ms} ms, p99 ${lookups.p99Ms} ms, max ${lookups.maxMs} ms (deadline ${lookups.deadlineMs} ms)`,
        ],
        [
          'DynamoDB requests of the worker',
          `${run.dynamoDb.requestsPerSecond} a second; ${list(run.dynamoDb.byCommand)}`,
        ],
        [
          'Stand-in and dynalite (other core), CPU ms per second',
          `${cpu.standInMsPerSecond} and ${cpu.dynaliteMsPerSecond}`,
        ],
        [
          `**The claim per ${run.task.vcpu} vCPU / ${run.task.memoryMb} MiB task**`,
          claim.held
            ? `**${claim.sessions} sessions, measured**: peak RSS ${memoryShare} % of the task's memory, mean CPU ${cpuShare} % of its vCPU (headroom kept: ${CLAIM_HEADROOM.memoryShare * 100} % and ${CLAIM_HEADROOM.cpuShare * 100} %), every lookup answered, every message decrypted`
            : `**not held at ${claim.sessions} sessions**: ${claim.broken.join('; ')}`,
        ],
      ],
    ),
  ];
}

export function messageCostBlock(results: BenchResults): string[] {
  const run = results.capacityAtClaim;
  if (!run) return ['No run at the claimed count is recorded in bench/results.json.'];
  const { perMessage } = run;
  const row = (label: string, cost: typeof perMessage.ignored, outcome: string) => [
    label,
    cost.messagesPerSecond,
    cost.cpuMsPerSecond,
    `${cost.cpuMsPerMessage} ms`,
    list(cost.dynamoDbPerMessage),
    outcome,
  ];
  return [
    `Each kind alone, ${perMessage.phaseSeconds} s at ${perMessage.perMinutePerSession} messages a minute per session (${run.sessions} sessions, no lookups); CPU per message is over the idle window's:`,
    '',
    ...table(
      [
        'Incoming',
        'Messages/s',
        'Worker CPU, ms/s',
        'CPU per message',
        'DynamoDB requests per message',
        'What the worker did',
      ],
      [
        ['Nothing (keep-alives only)', 0, perMessage.idleCpuMsPerSecond, '-', '-', '-'],
        row(
          'Ignored chats: group and status (skmsg), broadcast list, channel',
          perMessage.ignored,
          `${perMessage.ignored.plainAcks} plain acks, ${perMessage.ignored.nacks} negative, ${perMessage.ignored.decrypted} decrypted`,
        ),
        row(
          'One-to-one (pkmsg or msg)',
          perMessage.oneToOne,
          `${perMessage.oneToOne.decrypted} decrypted, ${perMessage.oneToOne.retries} retry receipts`,
        ),
      ],
    ),
  ];
}

export function reconnectStormBlock(results: BenchResults): string[] {
  const run = results.capacityAtClaim;
  if (!run) return ['No reconnect storm is recorded in bench/results.json.'];
  const { unpaced, paced } = run.storms;
  const both = (figure: (storm: typeof paced) => string | number) => [
    figure(unpaced),
    figure(paced),
  ];
  const pacingOf = (storm: typeof paced) =>
    storm.pacing.concurrency === 0
      ? 'every session at once'
      : `${storm.pacing.concurrency} at a time, jitter up to ${storm.pacing.jitterMs} ms`;
  return [
    `The worker holding all ${run.sessions} sessions killed with SIGKILL and started again by the local supervisor; lookups at ${run.storms.paced.lookupsPerSecond} a second from the new worker's start for ${run.storms.paced.lookups.count} lookups:`,
    '',
    ...table(
      ['Measure', 'Unpaced', 'Paced (the worker default)'],
      [
        ['Connects', ...both(pacingOf)],
        ['Restarted after the kill', ...both((storm) => `${storm.restartedAfterMs} ms`)],
        [
          'Every session served again (logged in), from the kill',
          ...both((storm) => `${storm.allServedAfterMs} ms`),
        ],
        ['… from the restart', ...both((storm) => `${storm.allServedAfterRestartMs} ms`)],
        [
          'Half the sessions served, from the kill',
          ...both((storm) => `${storm.halfServedAfterMs} ms`),
        ],
        [
          'Lookups during it',
          ...both(
            (storm) =>
              `${storm.lookups.answered} of ${storm.lookups.count}; p50 ${storm.lookups.p50Ms} ms, p99 ${storm.lookups.p99Ms} ms, max ${storm.lookups.maxMs} ms; failures: ${list(storm.lookups.failures)}`,
          ),
        ],
        [
          'DynamoDB requests a second while connecting',
          ...both(
            (storm) =>
              `peak ${storm.dynamoDb.peakRequestsPerSecond}, mean ${storm.dynamoDb.meanRequestsPerSecondWhileConnecting} (${storm.dynamoDb.requestsWhileConnecting} in all)`,
          ),
        ],
        [
          'Throttled / failed DynamoDB requests',
          ...both((storm) => `${storm.dynamoDb.throttled} / ${storm.dynamoDb.failed}`),
        ],
        [
          'SDK socket pool (50) at capacity warnings',
          ...both((storm) => storm.dynamoDb.socketPoolAtCapacityWarnings),
        ],
        [
          'Worker in its first 30 s: CPU, event-loop delay p99 / max',
          ...both(
            (storm) =>
              `${storm.firstThirtySeconds.cpuMs} ms, ${storm.firstThirtySeconds.eventLoopDelayP99Ms} ms / ${storm.firstThirtySeconds.eventLoopDelayMaxMs} ms`,
          ),
        ],
      ],
    ),
  ];
}
