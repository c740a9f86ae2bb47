import { mannWhitneyU } from './mann-whitney.js';
import type { FailoverSample } from './measure-failover.js';
import { summarize } from './summarize.js';
import { routeServers, routeServerSoftware } from './topology.js';

/** One tool's failovers within a bench setting. */
export interface ToolSamples {
  tool: string;
  samples: readonly FailoverSample[];
}

/** The columns of the report: each route server, and the last of the three (the failover is done). */
const columns: { title: string; pick: (sample: FailoverSample) => number }[] = [
  ...routeServers.map((rs) => ({ title: `${rs} (${routeServerSoftware[rs]})`, pick: (sample: FailoverSample) => sample.best[rs] })),
  { title: 'all three', pick: (sample) => Math.max(...routeServers.map((rs) => sample.best[rs])) },
];

/** Milliseconds as the report shows them: one decimal under 100 ms, none above. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return '–';
  return ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

function formatCell(values: readonly number[]): string {
  const { median, min, max } = summarize(values);
  return `${formatMs(median)} (${formatMs(min)}–${formatMs(max)})`;
}

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/** Median (min–max) in ms per tool and route server, from the servers' own records. */
export function formatTimesTable(tools: readonly ToolSamples[]): string[] {
  return [
    row(['tool', 'n', ...columns.map((column) => `${column.title}, ms`)]),
    row(['---', '---', ...columns.map(() => '---')]),
    ...tools.map(({ tool, samples }) => row([tool, String(samples.length), ...columns.map((column) => formatCell(samples.map(column.pick)))])),
  ];
}

/** Each tool against the baseline (exabgp-healthcheck): two-sided Mann–Whitney U, z and p per column. */
export function formatSignificanceTable(tools: readonly ToolSamples[], baseline: string): string[] {
  const base = tools.find((entry) => entry.tool === baseline);
  if (!base) return [];
  const rows = tools
    .filter((entry) => entry !== base)
    .map(({ tool, samples }) =>
      row([
        `${tool} vs ${baseline}`,
        ...columns.map((column) => {
          const { u, z, p } = mannWhitneyU(samples.map(column.pick), base.samples.map(column.pick));
          return `U ${u}, z ${z.toFixed(2)}, p ${p < 0.001 ? p.toExponential(1) : p.toFixed(3)}`;
        }),
      ]),
    );
  return [row(['pair (Mann–Whitney, two-sided)', ...columns.map((column) => column.title)]), row(['---', ...columns.map(() => '---')]), ...rows];
}

const median = (values: readonly (number | undefined)[]): number | undefined => {
  const known = values.filter((value): value is number => value !== undefined && !Number.isNaN(value));
  return known.length ? summarize(known).median : undefined;
};

/** Where the time went, medians in ms from the kill: exaplug's stages, then each server's receipt and best path. */
export function formatStagesTable(tools: readonly ToolSamples[]): string[] {
  const stages: { title: string; pick: (sample: FailoverSample) => number | undefined }[] = [
    { title: 'first failed check', pick: (s) => s.exaplug.failedMs },
    { title: 'down', pick: (s) => s.exaplug.downMs },
    { title: 'command written', pick: (s) => s.exaplug.commandMs },
    ...routeServers.flatMap((rs) => [
      { title: `${rs} UPDATE in`, pick: (s: FailoverSample) => s.received[rs] },
      { title: `${rs} best`, pick: (s: FailoverSample) => s.best[rs] },
      { title: `r1 ← ${rs}`, pick: (s: FailoverSample) => s.atRouter[rs] },
    ]),
  ];
  return [
    row(['tool (medians, ms)', ...stages.map((stage) => stage.title)]),
    row(['---', ...stages.map(() => '---')]),
    ...tools.map(({ tool, samples }) => row([tool, ...stages.map((stage) => formatMs(median(samples.map(stage.pick))))])),
  ];
}
