/** An inclusive range of HTTP status codes; a single code is a range of one. */
export interface StatusRange {
  from: number;
  to: number;
}

/** How status codes are written in the config: `200`, `'200-299'`, `'2xx'`. */
export type StatusSpec = number | string;

const rangePattern = /^\s*(\d{3})\s*(?:-\s*(\d{3})\s*)?$/;
const classPattern = /^\s*([1-5])xx\s*$/i;

/** Reads one status spec, or returns undefined when it is not one. */
export function parseStatusSpec(spec: StatusSpec): StatusRange | undefined {
  if (typeof spec === 'number') {
    return Number.isInteger(spec) && spec >= 100 && spec <= 599 ? { from: spec, to: spec } : undefined;
  }
  const statusClass = classPattern.exec(spec);
  if (statusClass) {
    const hundreds = Number(statusClass[1]) * 100;
    return { from: hundreds, to: hundreds + 99 };
  }
  const range = rangePattern.exec(spec);
  if (!range) return undefined;
  const from = Number(range[1]);
  const to = range[2] === undefined ? from : Number(range[2]);
  return from >= 100 && to <= 599 && from <= to ? { from, to } : undefined;
}

/** True when `spec` reads as a status code, range or class. */
export function isStatusSpec(spec: StatusSpec): boolean {
  return parseStatusSpec(spec) !== undefined;
}

/** Reads a list of specs that the options schema has already validated. */
export function parseStatusRanges(specs: readonly StatusSpec[]): StatusRange[] {
  return specs.map((spec) => {
    const range = parseStatusSpec(spec);
    if (!range) throw new TypeError(`not a status code or range: ${String(spec)}`);
    return range;
  });
}

/** True when `status` falls in one of `ranges`. */
export function matchesStatus(ranges: readonly StatusRange[], status: number): boolean {
  return ranges.some((range) => status >= range.from && status <= range.to);
}

/** Writes ranges back for people: `200-299, 304`. */
export function formatStatusRanges(ranges: readonly StatusRange[]): string {
  return ranges.map((range) => (range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`)).join(', ');
}
