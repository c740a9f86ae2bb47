import { failed, healthy, type CheckResult } from '@exaplug/core/plugin';

/** What the rows of the configured query must look like. */
export interface QueryExpectation {
  expectRows?: number;
  expectValue?: string | number | boolean;
  expectValueRegex?: string;
}

/** Judges the rows (in array mode) of the configured query. */
export function evaluateQueryResult(rows: unknown[][], expectation: QueryExpectation): CheckResult {
  const count = rows.length;
  const first = count > 0 ? formatValue(rows[0]?.[0]) : undefined;
  const details = { rows: count, value: first };
  const { expectRows, expectValue, expectValueRegex } = expectation;
  if (expectRows !== undefined && count !== expectRows) {
    return failed(`expected ${plural(expectRows, 'row')}, got ${count}`, details);
  }
  if (expectValue !== undefined && first !== String(expectValue)) {
    return failed(`expected value ${String(expectValue)}, got ${first ?? 'no rows'}`, details);
  }
  if (expectValueRegex !== undefined && (first === undefined || !new RegExp(expectValueRegex).test(first))) {
    return failed(`expected a value matching /${expectValueRegex}/, got ${first ?? 'no rows'}`, details);
  }
  return healthy(first === undefined ? plural(count, 'row') : `${plural(count, 'row')}, value ${first}`, details);
}

/** A column value as text: NULL, ISO dates, JSON for arrays and objects; long values cut short. */
export function formatValue(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = 'NULL';
  else if (value instanceof Date) text = value.toISOString();
  else if (Buffer.isBuffer(value)) text = `\\x${value.toString('hex')}`;
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
