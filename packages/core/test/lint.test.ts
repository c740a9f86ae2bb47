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
    expect(await lint("import { readFile } from 'node:fs/promises';\nexport const f = readFile;\n", 'protocol/x.ts')).toContain('@typescript-eslint/no-restricted-imports');
    expect(await lint('export const pid = process.pid;\n', 'announce/x.ts')).toContain('no-restricted-globals');
    expect(await lint("import { guardStdout } from '../adapters/guard-stdout.js';\nexport const g = guardStdout;\n", 'runtime/x.ts')).toContain('@typescript-eslint/no-restricted-imports');
    expect(await lint("import type { InterfaceAddresses } from '../adapters/interface-addresses.js';\nexport type A = InterfaceAddresses;\n", 'runtime/x.ts')).toEqual([]);
  }, 60_000);
});
