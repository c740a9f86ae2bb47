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
    const trimmed = line.replace(/[\r\n]+$/, '');
    if (trimmed.trim() === '') return { kind: 'empty' };
    return trimmed.startsWith('{') ? parseJsonLine(trimmed) : parseTextLine(trimmed.trimEnd() === trimmed ? trimmed : keepDownReason(trimmed));
  } catch (error) {
    return { kind: 'unknown', line, reason: `parser failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** `neighbor X down - ` (empty 6.x reason) keeps its shape; other lines lose trailing blanks. */
function keepDownReason(line: string): string {
  return / down - *$/.test(line) ? line : line.trimEnd();
}

function parseJsonLine(line: string): ParsedLine {
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
