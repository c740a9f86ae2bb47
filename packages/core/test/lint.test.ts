import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lint runs in `npm test`: the folder rules of docs/architecture.md are enforced by
// eslint.config.js, and a rule nobody runs is a comment.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

describe('lint', () => {
  it('finds no problem in the repository', async () => {
    const results = await eslint.lintFiles(['.']);
    const problems = results.flatMap((result) => result.messages.map((message) => `${result.filePath.slice(root.length)}:${message.line} ${message.ruleId}: ${message.message}`));
    expect(problems).toEqual([]);
  }, 120_000);

  it('keeps the pure core off the process and the filesystem, and the runtime off the shell', async () => {
    const lint = async (code: string, file: string) => (await eslint.lintText(code, { filePath: `${root}packages/core/src/${file}` }))[0]?.messages.map((message) => message.ruleId);
    expect(await lint("import { readFile } from 'node:fs/promises';\nexport const f = readFile;\n", 'health/x.ts')).toContain('@typescript-eslint/no-restricted-imports');
    expect(await lint('export const pid = process.pid;\n', 'announce/x.ts')).toContain('no-restricted-globals');
    expect(await lint("import { guardStdout } from '../adapters/guard-stdout.js';\nexport const g = guardStdout;\n", 'runtime/x.ts')).toContain('@typescript-eslint/no-restricted-imports');
    expect(await lint("import type { InterfaceAddresses } from '../adapters/interface-addresses.js';\nexport type A = InterfaceAddresses;\n", 'runtime/x.ts')).toEqual([]);
    // The protocol package stands alone: pure, and no dependency on the rest of exaplug.
    const lintProtocol = async (code: string) => (await eslint.lintText(code, { filePath: `${root}packages/protocol/src/x.ts` }))[0]?.messages.map((message) => message.ruleId);
    expect(await lintProtocol("import { defineCheck } from '@exaplug/core/plugin';\nexport const d = defineCheck;\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await lintProtocol('export const pid = process.pid;\n')).toContain('no-restricted-globals');
    // The loaders sit above the plugin API and the built-ins: the other way is a folder cycle.
    expect(await lint("import { loadCheck } from '../loading/load-plugin.js';\nexport const l = loadCheck;\n", 'plugins/x.ts')).toContain('@typescript-eslint/no-restricted-imports');
    expect(await lint("import { loadCheck } from '../loading/load-plugin.js';\nexport const l = loadCheck;\n", 'strategies/x.ts')).toContain('@typescript-eslint/no-restricted-imports');
  }, 60_000);

  it('keeps functions under 60 lines and files under 300 in every package, tests aside', async () => {
    const lintAt = async (code: string, file: string) => (await eslint.lintText(code, { filePath: `${root}${file}` }))[0]?.messages.map((message) => message.ruleId);
    const longFunction = `export function f(): number {\n  let n = 0;\n${'  n += 1;\n'.repeat(60)}  return n;\n}\n`;
    expect(await lintAt(longFunction, 'packages/check-tcp/src/x.ts')).toContain('max-lines-per-function');
    expect(await lintAt(longFunction, 'packages/check-tcp/src/x.test.ts')).toEqual([]);
    const longFile = `export const a = 1;\n${'\n'.repeat(300)}`;
    expect(await lintAt(longFile, 'packages/core/src/x.ts')).toContain('max-lines');
  }, 60_000);
});
