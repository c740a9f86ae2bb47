import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The README's example is run as ExaBGP would run it (a child fed lines on stdin), and
// type-checked as a user's project would check it: a snippet nobody runs goes stale.

const packageDir = fileURLToPath(new URL('../', import.meta.url));
const repositoryRoot = join(packageDir, '../../');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const require = createRequire(import.meta.url);

/** The body of each fenced block of one language, in order. */
function blocks(lang: string): string[] {
  return [...readme.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```', 'gm'))].map((match) => match[1] as string);
}

function run(command: string, args: string[], options: { cwd: string; input?: string }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { cwd: options.cwd, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? '');
  });
}

let dir: string;
let example: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exaplug-protocol-readme-'));
  // A user's project: `@exaplug/protocol` (and @types/node) come from node_modules.
  await symlink(join(repositoryRoot, 'node_modules'), join(dir, 'node_modules'));
  example = join(dir, 'announce-when-up.ts');
  await writeFile(example, blocks('ts')[0] ?? '');
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the README', () => {
  it('has one TypeScript example, the input lines it is shown with, and an install line for this package', () => {
    expect(blocks('ts')).toHaveLength(1);
    expect(blocks('text')).toHaveLength(1);
    expect(blocks('sh').map((text) => text.trim())).toEqual(['npm install @exaplug/protocol']);
  });

  it('example writes the command to stdout and pairs the ack, as the README says', async () => {
    const tsx = require.resolve('tsx');
    const result = await run(process.execPath, ['--conditions=@exaplug/source', '--import', tsx, example], { cwd: dir, input: blocks('text')[0] });
    expect(result.stderr).toBe('done: announce route 203.0.113.10/32 next-hop self med 100\n');
    expect(result.stdout).toBe('announce route 203.0.113.10/32 next-hop self med 100\n');
    expect(readme).toContain(`writes \`${result.stdout.trim()}\` to stdout`);
    expect(readme.replace(/\s+/g, ' ')).toContain(`\`${result.stderr.trim()}\` to stderr`);
  }, 60_000);

  it('example type-checks against the package', async () => {
    const tsc = join(repositoryRoot, 'node_modules/typescript/bin/tsc');
    const args = ['--noEmit', '--strict', '--target', 'es2023', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', '--customConditions', '@exaplug/source', example];
    const result = await run(process.execPath, [tsc, ...args], { cwd: dir });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 60_000);
});
