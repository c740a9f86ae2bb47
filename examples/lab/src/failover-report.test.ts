import { describe, expect, it } from 'vitest';
import { formatMs, formatSignificanceTable, formatStagesTable, formatTimesTable, type ToolSamples } from './failover-report.js';
import type { FailoverSample } from './measure-failover.js';

const sample = (rs1: number, rs2: number, rs3: number, exaplug: FailoverSample['exaplug'] = {}): FailoverSample => ({
  best: { rs1, rs2, rs3 },
  received: { rs1, rs2: rs2 - 40, rs3 },
  atRouter: { rs1: rs1 + 1, rs2: rs2 + 2, rs3: undefined },
  exaplug,
});

const tools: ToolSamples[] = [
  { tool: 'healthcheck', samples: [sample(900, 950, 901), sample(700, 760, 702), sample(1100, 1150, 1101)] },
  { tool: 'exaplug-watch', samples: [sample(10, 60, 11, { failedMs: 5, downMs: 5, commandMs: 6 }), sample(12, 70, 13), sample(9, 55, 10)] },
];

describe('failover report', () => {
  it('shows milliseconds with a decimal only under 100', () => {
    expect([formatMs(9.26), formatMs(228.4), formatMs(undefined)]).toEqual(['9.3', '228', '–']);
  });

  it('gives each tool its median and range per route server and for the last of the three', () => {
    const lines = formatTimesTable(tools);
    expect(lines[0]).toBe('| tool | n | rs1 (BIRD), ms | rs2 (FRR), ms | rs3 (GoBGP), ms | all three, ms |');
    expect(lines[3]).toBe('| exaplug-watch | 3 | 10.0 (9.0–12.0) | 60.0 (55.0–70.0) | 11.0 (10.0–13.0) | 60.0 (55.0–70.0) |');
  });

  it('tests every tool against the baseline', () => {
    const lines = formatSignificanceTable(tools, 'healthcheck');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^\| exaplug-watch vs healthcheck \| U 0, z -1\.96, p 0\.050 \|/);
  });

  it("shows exaplug's stages where it logged them", () => {
    const lines = formatStagesTable(tools);
    expect(lines[2]).toMatch(/^\| healthcheck \| – \| – \| – \| 900 \| 900 \| 901 \| 910 \| 950 \| 952 \| 901 \| 901 \| – \|$/);
    expect(lines[3]).toMatch(/^\| exaplug-watch \| 5\.0 \| 5\.0 \| 6\.0 \| 10\.0 \|/);
  });
});
