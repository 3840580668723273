import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type BenchResults, TARGETS } from './bench-results.ts';
import { capacityAtClaimBlock, messageCostBlock, reconnectStormBlock } from './capacity-docs.ts';
import { capacityPlanBlock } from './capacity-plan.ts';
import { changeNotificationsBlock } from './change-notifications-results.ts';
import { gatewayAndLivePathRows, verdict } from './result-rows.ts';

/**
 * BENCHMARKS.md and docs/capacity.md quote the bench's figures only inside generated blocks,
 * rendered here from bench/results.json: `npm run bench` rewrites them after each run, and
 * test/unit/bench/bench-docs.test.ts fails when a block differs from the results or a figure
 * outside the blocks is not one results.json holds.
 */

export const BENCH_DOCUMENTS = ['BENCHMARKS.md', 'docs/capacity.md'] as const;

const begin = (name: string) => `<!-- generated from bench/results.json: ${name} -->`;
const END = '<!-- end of generated block -->';

type Row = (string | number)[];

export function table(header: string[], rows: Row[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function resultsBlock(results: BenchResults): string[] {
  const { machine, coldInitRun, cachedHit, batch } = results;
  const cold = Object.entries(results.functions).map(([name, result]) => {
    const { cpuOverEmptyMs, cpuOverEmptySpread: spread, pairs } = result.coldInit;
    return [
      `Cold init: ${name}, CPU over empty (median of ${pairs} pairs; IQR; 95 % CI)`,
      `${cpuOverEmptyMs} ms (${spread.p25} to ${spread.p75}; ${spread.ci95[0]} to ${spread.ci95[1]})`,
      `≤ ${TARGETS.coldInitCpuOverEmptyMs} ms`,
      verdict(cpuOverEmptyMs, TARGETS.coldInitCpuOverEmptyMs),
    ];
  });
  const bundles = Object.entries(results.functions).map(([name, result]) => [
    `Bundle: ${name}`,
    `${result.bundleKb} KB`,
    `≤ ${result.budgetKb} KB`,
    result.overBudget ? '**over budget**' : 'within',
  ]);
  return [
    `Full run of ${results.date}: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node}; load average ${machine.loadAverage1mAtStart} at the start and ${machine.loadAverage1mAtEnd} at the end. Cold init measured ${coldInitRun.date}, load average ${coldInitRun.loadAverage1mAtStart} to ${coldInitRun.loadAverage1mAtEnd}, ${coldInitRun.pairsPerBundle} pairs per bundle, first request over ${coldInitRun.firstRequestEndpoints}; empty handler ${results.coldInitBaseline.cpuMs} ms CPU.`,
    '',
    ...table(
      ['Measure', 'Result', 'Target', ''],
      [
        [
          'Cached hit, in-process: (authorizer + profile) / raw GetItem, medians',
          cachedHit.handlerOverRawGetItem,
          `≤ ${TARGETS.handlerOverRawGetItem}`,
          verdict(cachedHit.handlerOverRawGetItem, TARGETS.handlerOverRawGetItem),
        ],
        ...gatewayAndLivePathRows(results),
        ...(batch
          ? [
              [
                `Batch: ${batch.contacts} cached contacts in one call, against ${batch.contacts} single calls (p50)`,
                `${batch.cachedBatchP50Ms} ms against ${batch.fiftySingleCallsP50Ms} ms (${batch.singlesOverBatch}×)`,
                '-',
                '-',
              ],
              [
                `Batch: ${batch.contacts} uncached contacts`,
                `${batch.uncachedBatchMs} ms, ${batch.workerRoundTrips} worker round trip(s)`,
                '1 round trip',
                batch.workerRoundTrips === 1 ? 'met' : '**missed**',
              ],
            ]
          : []),
        ...cold,
        ...bundles,
      ],
    ),
  ];
}

function leversBlock(results: BenchResults): string[] {
  const rows = Object.entries(results.coldInitVariants).map(([name, variant]) => {
    const deployed = results.functions[name.slice(0, name.indexOf(' ('))]?.coldInit;
    const difference = deployed ? variant.cpuOverEmptyMs - deployed.cpuOverEmptyMs : undefined;
    const { ci95 } = variant.cpuOverEmptySpread;
    return [
      name,
      `${variant.cpuOverEmptyMs} ms (${ci95[0]} to ${ci95[1]})`,
      deployed ? `${deployed.cpuOverEmptyMs} ms` : '-',
      difference === undefined ? '-' : `${difference > 0 ? '+' : ''}${difference.toFixed(1)} ms`,
    ];
  });
  return table(
    ['Variant', 'CPU over empty (95 % CI)', 'Deployed bundle', 'Variant − deployed'],
    rows,
  );
}

function capacityBlock(results: BenchResults): string[] {
  const capacity = results.sessionCapacity;
  if (!capacity) return ['No session-capacity run is recorded in bench/results.json.'];
  const { perSession, lookups, perTask, baseline } = capacity;
  return [
    `Measured with ${capacity.sessions} sessions (load average ${capacity.loadAverage1m}), ${capacity.messagesPerMinutePerSession} incoming messages a minute per session:`,
    '',
    ...table(
      ['Measure', 'Value'],
      [
        [
          'Worker with Baileys loaded, no session',
          `${baseline.rssMb} MB RSS, ${baseline.heapUsedMb} MB heap`,
        ],
        [
          'Memory per connected session',
          `${perSession.rssMb} MB RSS, ${perSession.heapUsedMb} MB heap`,
        ],
        ['CPU per idle session', `${perSession.idleCpuPermille} ‰ of a vCPU`],
        [
          'CPU per receiving session',
          `${perSession.receivingCpuPermille} ‰ of a vCPU; ${perSession.cpuMsPerIncomingMessage} ms per incoming message`,
        ],
        [
          'DynamoDB requests per session',
          `${perSession.dynamoDbRequestsOnConnect} to connect, ${perSession.dynamoDbRequestsPerMinuteIdle} a minute idle, ${perSession.dynamoDbRequestsPerMinuteReceiving} a minute receiving`,
        ],
        [
          'Lookups answered',
          `${lookups.answered} of ${lookups.count}; p50 ${lookups.p50Ms} ms, p99 ${lookups.p99Ms} ms (deadline ${lookups.deadlineMs} ms)`,
        ],
        [`Connecting ${capacity.sessions} sessions`, `${capacity.openedInMs} ms`],
      ],
    ),
    '',
    `**Extrapolated, not measured**: sessions one ${perTask.vcpu} vCPU / ${perTask.memoryMb} MiB task would hold, scaled linearly from the ${capacity.sessions} measured above:`,
    '',
    ...table(
      ['Bound', 'Sessions (extrapolated)'],
      [
        ['Memory', perTask.memoryBound],
        ['CPU, idle sessions', perTask.cpuBoundIdle],
        ['CPU, receiving sessions', perTask.cpuBoundReceiving],
        ['Lowest bound (extrapolated; the claim is the run measured at it)', perTask.sessions],
      ],
    ),
  ];
}

const BLOCKS: Record<string, (results: BenchResults) => string[]> = {
  results: resultsBlock,
  'cold-start levers': leversBlock,
  'session capacity': capacityBlock,
  'change notifications': (results) => changeNotificationsBlock(results.changeNotifications),
  'capacity at the claim': capacityAtClaimBlock,
  'cost of each kind of message': messageCostBlock,
  'reconnect storm': reconnectStormBlock,
  'capacity plan': capacityPlanBlock,
};

/** The document with each generated block rendered again from `results`. */
export function renderDocument(text: string, results: BenchResults): string {
  let rendered = text;
  for (const [name, render] of Object.entries(BLOCKS)) {
    const start = rendered.indexOf(begin(name));
    if (start === -1) continue;
    const end = rendered.indexOf(END, start);
    if (end === -1) throw new Error(`the generated block "${name}" has no end marker`);
    rendered = `${rendered.slice(0, start)}${[begin(name), '', ...render(results), '', END].join('\n')}${rendered.slice(end + END.length)}`;
  }
  return rendered;
}

/** The document without its generated blocks: the prose, which may quote no figure of its own. */
export function outsideGeneratedBlocks(text: string): string {
  return text.replace(
    /<!-- generated from bench\/results\.json: [^>]*-->[\s\S]*?<!-- end of generated block -->/g,
    '',
  );
}

export async function writeBenchDocuments(repoRoot: string, results: BenchResults): Promise<void> {
  for (const document of BENCH_DOCUMENTS) {
    const file = path.join(repoRoot, document);
    const text = await readFile(file, 'utf8');
    const rendered = renderDocument(text, results);
    if (rendered !== text) await writeFile(file, rendered);
  }
}
