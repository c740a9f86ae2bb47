import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tailLog } from './log-tail.js';

describe('tailLog', () => {
  let dir = '';
  beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'lab-log-tail-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads only the complete lines written after it was made', () => {
    const path = join(dir, 'bird.log');
    writeFileSync(path, 'before\n');
    const tail = tailLog(path);
    appendFileSync(path, 'one\ntwo\nhal');
    expect(tail.lines()).toEqual(['one', 'two']);
    appendFileSync(path, 'f\n');
    expect(tail.lines()).toEqual(['one', 'two', 'half']);
  });

  it('takes a file written later as new from its start', () => {
    const tail = tailLog(join(dir, 'later.log'));
    expect(tail.lines()).toEqual([]);
    writeFileSync(join(dir, 'later.log'), 'first\n');
    expect(tail.lines()).toEqual(['first']);
  });
});
