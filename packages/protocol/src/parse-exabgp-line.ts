import { asRecord, stringField } from './json-fields.js';
import type { ParsedLine } from './messages.js';
import { parseJsonMessage } from './parse-json-message.js';
import { parseTextLine } from './parse-text-line.js';
import { repairExabgpJson } from './repair-exabgp-json.js';

/**
 * Reads one line ExaBGP wrote to the process, from either encoder: a line starting with
 * `{` is JSON, anything else text. Never throws; what it cannot read is `unknown`.
 */
export function parseExabgpLine(line: string): ParsedLine {
  try {
    // Most lines are JSON messages: no blank test for them (a `{` line is not blank).
    if (line.charCodeAt(0) === 0x7b) return parseJsonLine(withoutLineEnd(line));
    const trimmed = withoutLineEnd(line);
    if (trimmed.trim() === '') return { kind: 'empty' };
    return trimmed.startsWith('{') ? parseJsonLine(trimmed) : parseTextLine(trimmed.trimEnd() === trimmed ? trimmed : keepDownReason(trimmed));
  } catch (error) {
    return { kind: 'unknown', line, reason: `parser failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Without its trailing CR/LF. A loop, not `/[\r\n]+$/`: that regex retries from every CR
 * of a long run and goes quadratic (a 30 kB line of CRs took 0.4 s).
 */
function withoutLineEnd(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === '\n' || line[end - 1] === '\r')) end--;
  return line.slice(0, end);
}

/** `neighbor X down - ` (empty 6.x reason) keeps its shape; other lines lose trailing blanks. */
function keepDownReason(line: string): string {
  const trimmed = line.trimEnd();
  return trimmed.endsWith(' down -') && line.length > trimmed.length ? line : trimmed;
}

/** ExaBGP's messages nest about 8 deep; as-path sets add a level or two. */
const maxJsonDepth = 64;
/**
 * Lines up to this length skip the depth check: nested as deep as it can go (2048 levels),
 * such a line costs JSON.parse under a millisecond, while the check cost 6 % of the parse
 * of every update line.
 */
const maxUncheckedLength = 4096;

function parseJsonLine(line: string): ParsedLine {
  // V8's JSON.parse takes seconds on a megabyte of `[[[[`: refuse deep nesting first.
  if (line.length > maxUncheckedLength && isNestedDeeperThan(line, maxJsonDepth)) {
    return { kind: 'unknown', line, reason: `JSON nested deeper than ${maxJsonDepth}` };
  }
  const value = parseLenientJson(line);
  if (value === undefined) return { kind: 'unknown', line, reason: 'invalid JSON, even after repair' };
  const record = asRecord(value);
  if (!record || !('exabgp' in record)) {
    // Newer ExaBGP's JSON acks; a flag that no released version sets (see docs/protocol.md).
    const answer = stringField(record, 'answer');
    if (answer === 'done' || answer === 'error' || answer === 'shutdown') {
      const text = stringField(record, 'message');
      return text === undefined ? { kind: 'ack', ack: answer } : { kind: 'ack', ack: answer, text };
    }
    // `show … json` (5.0) and every command answer of API v6: JSON without the envelope.
    return { kind: 'output', text: line };
  }
  const result = parseJsonMessage(record);
  return 'message' in result ? { kind: 'message', message: result.message } : { kind: 'unknown', line, reason: result.reason };
}

function parseLenientJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    try {
      return JSON.parse(repairExabgpJson(line));
    } catch {
      return undefined;
    }
  }
}

/**
 * True when brackets outside strings nest deeper than `max`: one linear scan, skipped when
 * the line has too few brackets to nest that deep (every real ExaBGP line), since the scan
 * in JS cost about as much as JSON.parse itself.
 */
function isNestedDeeperThan(line: string, max: number): boolean {
  if (!hasMoreBracketsThan(line, max)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > max) return true;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return false;
}

/** True when the line holds more than `max` opening brackets (`[` or `{`), strings included. */
function hasMoreBracketsThan(line: string, max: number): boolean {
  let count = 0;
  for (const bracket of ['[', '{']) {
    for (let at = line.indexOf(bracket); at !== -1; at = line.indexOf(bracket, at + 1)) {
      if (++count > max) return true;
    }
  }
  return false;
}
