import { describe, expect, it } from 'vitest';
import { parseExabgpLine } from './parse-exabgp-line.js';

const envelope = (asPath: string) =>
  `{ "exabgp": "5.0.0", "type": "update", "neighbor": { "address": { "peer": "127.0.0.1" }, "message": { "update": { "attribute": { "as-path": ${asPath} } } } } }`;

describe('JSON nesting', () => {
  it('refuses a long line nested deeper than 64 before JSON.parse sees it', () => {
    const deep = envelope(`${'['.repeat(500_000)}1${']'.repeat(500_000)}`);
    const started = process.cpuUsage();
    expect(parseExabgpLine(deep)).toMatchObject({ kind: 'unknown', reason: 'JSON nested deeper than 64' });
    const { user, system } = process.cpuUsage(started);
    expect((user + system) / 1000).toBeLessThan(100);
  });

  it('reads a short line however deep it nests: JSON.parse is cheap there, and the check is not', () => {
    const parsed = parseExabgpLine(envelope(`${'['.repeat(200)}65002${']'.repeat(200)}`));
    expect(parsed.kind === 'message' && parsed.message.type === 'update' && parsed.message.attributes.asPath).toEqual([65002]);
  });
});
