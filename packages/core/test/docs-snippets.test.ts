import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config } from '@oclif/core';
import { isMap, parseDocument, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../src/config/schema.js';
import { assertBuilt, exaplugBin } from './e2e-support.js';

/*
 * Issue 19 §4: docs that cannot drift. Every ```yaml block of README.md and docs/*.md is
 * validated by `exaplug validate`, and every `exaplug <verb> …` line (in any fenced block,
 * or in an inline code span) must name a verb and flags the CLI has.
 *
 * How a YAML block is judged (one rule, no markers needed):
 * - it has a top-level `services:` → a whole config, validated as written;
 * - otherwise it is a fragment: its top-level keys that are keys of the config (`defaults`,
 *   `metrics`, …) go at the top of a minimal config, the others (`check`, `strategy`, …) go
 *   into that config's one service. A misspelt key therefore lands somewhere strict and fails.
 * - one substitution: a `rendezvous` strategy without `self` gets its first member, since
 *   `self` defaults to the hostname of whoever runs the test.
 * - `<!-- docs-snippets: skip REASON -->` on the line before a fence exempts the block; none
 *   does today. Paths such as /etc/exaplug/… are left alone: `validate` does not open them.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const docFiles = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** A fenced block of a Markdown file. */
export interface FencedBlock {
  file: string;
  line: number;
  lang: string;
  text: string;
  skip?: string;
}

/** The fenced blocks of one Markdown text, with the line of their opening fence. */
export function extractFencedBlocks(file: string, markdown: string): FencedBlock[] {
  const lines = markdown.split('\n');
  const blocks: FencedBlock[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[index] as string);
    if (!open) continue;
    const fence = open[2] as string;
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !(lines[end] as string).trim().startsWith(fence)) body.push(lines[end++] as string);
    const skip = /<!--\s*docs-snippets:\s*skip\s+(.+?)\s*-->/.exec(lines[index - 1] ?? '')?.[1];
    blocks.push({ file, line: index + 1, lang: (open[3] ?? '').toLowerCase(), text: body.map((line) => line.slice(open[1]!.length)).join('\n'), ...(skip ? { skip } : {}) });
    index = end;
  }
  return blocks;
}

const topLevelKeys = new Set(Object.keys(configSchema.shape));

/** The minimal config a fragment is placed in: one service, a check that needs nothing. */
const minimalService = { ips: ['2001:db8:30::1/128', '2001:db8:30::2/128', '2001:db8:30::3/128'], check: { use: 'exec', with: { argv: ['true'] } } };

/** The config a YAML block stands for: itself when it has `services`, else placed in the minimal config. */
export function configForYamlBlock(text: string): Record<string, unknown> {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) throw new Error(`not YAML: ${document.errors[0]?.message}`);
  if (!isMap(document.contents)) throw new Error('not a YAML mapping');
  const block = document.toJS() as Record<string, unknown>;
  if ('services' in block) return block;
  // Host-dependent: rendezvous's `self` defaults to the hostname, which the docs cannot know.
  const strategy = block.strategy as { use?: string; with?: { members?: string[]; self?: string } } | undefined;
  if (strategy?.use === 'rendezvous' && strategy.with?.members && strategy.with.self === undefined) strategy.with.self = strategy.with.members[0];
  const top: Record<string, unknown> = {};
  const service: Record<string, unknown> = { ...minimalService };
  for (const [key, value] of Object.entries(block)) (topLevelKeys.has(key) ? top : service)[key] = value;
  return { ...top, services: { docs: service } };
}

/** One `exaplug <verb> …` command as the docs write it. */
export interface CommandLine {
  where: string;
  words: string[];
}

/** Splits a shell line into words (quotes, backslashes); stops at an unquoted ; # > | &&. */
export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index] as string;
    if (char === "'" || char === '"') {
      const close = line.indexOf(char, index + 1);
      word = (word ?? '') + line.slice(index + 1, close === -1 ? undefined : close);
      index = close === -1 ? line.length : close;
    } else if (char === '\\' && index + 1 < line.length) {
      word = (word ?? '') + line[++index];
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (/[;>|&]/.test(char) || (char === '#' && word === undefined)) {
      break;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Words from `exaplug` on, wherever a line calls it (`npx exaplug`, `/usr/bin/env exaplug`, `# exaplug` prompts). */
function exaplugCall(line: string): string[] | undefined {
  const start = /(?:^|[\s/=])exaplug\s+(?=[a-z-])/.exec(line);
  if (!start) return undefined;
  const words = splitShellWords(line.slice(start.index + start[0].indexOf('exaplug')));
  return words.length >= 2 ? words : undefined;
}

/** Inline spans that are prose about exaplug, not commands. */
const proseSpans = new Set(['exaplug pid 4242, config /etc/exaplug/web.yaml:', 'exaplug healthcheck: warning: --FLAG: …', 'exaplug is idle: no services are running']);

/** Every `exaplug <verb> …` in the docs: in fenced blocks other than code, and in inline code spans. */
export function extractCommandLines(file: string, markdown: string): CommandLine[] {
  const commands: CommandLine[] = [];
  for (const block of extractFencedBlocks(file, markdown)) {
    if (['ts', 'js', 'yaml', 'toml'].includes(block.lang) || block.skip) continue;
    block.text.split('\n').forEach((line, offset) => {
      // A console block holds prompts (`# `, `$ `) and output; only prompts are commands.
      const typed = block.lang === 'console' ? /^[#$]\s+(.*)$/.exec(line)?.[1] : line;
      const words = typed === undefined ? undefined : exaplugCall(typed.replace(/\s#.*$/, ''));
      if (words) commands.push({ where: `${file}:${block.line + 1 + offset}`, words });
    });
  }
  markdown.split('\n').forEach((line, offset) => {
    for (const span of line.matchAll(/(?<!`)`([^`\n]+)`(?!`)/g)) {
      const text = (span[1] as string).trim();
      if (!/^(npx\s+)?exaplug\s+[a-z]/.test(text) || proseSpans.has(text)) continue;
      // Usage lines (`[--config F]`, `<service>\|--all`): keep the words, drop the notation.
      const words = splitShellWords(text.replace(/\\\|/g, ' ').replace(/[[\]]/g, ' ').replace(/<[^>]*>/g, 'X').replace(/…/g, ''));
      commands.push({ where: `${file}:${offset + 1}`, words: words.slice(words.indexOf('exaplug')) });
    }
  });
  return commands;
}

/** The flags of each verb, from oclif's own view of the built CLI (what `--help` prints). */
type Verbs = Map<string, { flags: Set<string>; strict: boolean }>;

async function readVerbs(): Promise<Verbs> {
  const config = await Config.load(fileURLToPath(new URL('..', import.meta.url)));
  const verbs: Verbs = new Map();
  for (const command of config.commands) {
    const flags = new Set<string>(['--help', '-h']);
    for (const [name, flag] of Object.entries(command.flags)) {
      flags.add(`--${name}`);
      if (flag.char) flags.add(`-${flag.char}`);
      if (flag.type === 'boolean' && flag.allowNo) flags.add(`--no-${name}`);
    }
    verbs.set(command.id, { flags, strict: command.strict !== false });
  }
  return verbs;
}

/** What is wrong with one documented command for an oclif-parsed verb, or undefined. */
export function problemWithCommand(words: string[], verbs: Verbs): string | undefined {
  const verb = words[1] as string;
  const known = verbs.get(verb);
  if (!known) return `no verb "${verb}" (verbs: ${[...verbs.keys()].join(', ')})`;
  if (!known.strict) return undefined;
  const unknown = words.slice(2).filter((word) => /^--?[A-Za-z]/.test(word)).map((word) => word.split('=')[0] as string).filter((flag) => !known.flags.has(flag));
  return unknown.length > 0 ? `exaplug ${verb} has no ${unknown.join(', ')} (it has ${[...known.flags].join(', ')})` : undefined;
}

function exaplug(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [exaplugBin, ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const docs = docFiles.map((file) => ({ file, markdown: readFileSync(join(root, file), 'utf8') }));
const yamlBlocks = docs.flatMap(({ file, markdown }) => extractFencedBlocks(file, markdown)).filter((block) => block.lang === 'yaml' || block.lang === 'yml');
const commandLines = docs.flatMap(({ file, markdown }) => extractCommandLines(file, markdown));

let dir: string;
let verbs: Verbs;
beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'exaplug-docs-'));
  verbs = await readVerbs();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A block whose first line names `prometheus.yml` is Prometheus's config, not exaplug's: promtool checks it. */
const isPrometheusConfig = (block: FencedBlock) => /^#\s*prometheus\.yml\b/.test(block.text.trimStart());

async function checkPrometheusBlock(block: FencedBlock, name: string): Promise<string> {
  const path = join(dir, `${name}.yml`);
  await writeFile(path, block.text);
  return new Promise((resolve) =>
    execFile('/usr/bin/promtool', ['check', 'config', '--syntax-only', path], (error, stdout, stderr) => resolve(error ? `${stderr}${stdout}`.trim() : '')),
  );
}

/** `exaplug validate` on the config a block stands for (promtool for a prometheus.yml): '' when valid, else what it said. */
async function validateBlock(block: FencedBlock, name: string): Promise<string> {
  if (isPrometheusConfig(block)) return checkPrometheusBlock(block, name);
  const path = join(dir, `${name}.yaml`);
  await writeFile(path, stringify(configForYamlBlock(block.text)));
  const result = await exaplug('validate', '--config', path);
  return result.code === 0 ? '' : `${result.stderr}${result.stdout}`.trim();
}

describe('the docs snippets', () => {
  it('finds the snippets it is meant to check', () => {
    expect(yamlBlocks.length).toBeGreaterThanOrEqual(9);
    expect(commandLines.length).toBeGreaterThanOrEqual(40);
    expect(yamlBlocks.filter((block) => block.skip).map((block) => `${block.file}:${block.line}: ${block.skip}`)).toEqual([]);
  });

  it.each(yamlBlocks.map((block) => [`${block.file}:${block.line}`, block] as const))('yaml block %s passes exaplug validate (or promtool)', async (where, block) => {
    const said = await validateBlock(block, where.replace(/\W+/g, '-'));
    expect(said, `${where} (placed as: ${JSON.stringify(configForYamlBlock(block.text))})`).toBe('');
  }, 30_000);

  it('every exaplug command line names a verb and flags the CLI has', () => {
    const problems = commandLines
      .map((command) => ({ command, problem: problemWithCommand(command.words, verbs) }))
      .filter(({ problem }) => problem !== undefined)
      .map(({ command, problem }) => `${command.where}: ${command.words.join(' ')}: ${problem}`);
    expect(problems).toEqual([]);
  });

  it('every documented healthcheck or migrate flag line is accepted by the healthcheck parser', async () => {
    // Both verbs parse argparse-style through one translator; `migrate` runs it without
    // starting anything, so each documented line is replayed through `migrate`.
    const lines = commandLines.filter((command) => ['healthcheck', 'migrate'].includes(command.words[1] as string) && command.words.some((word) => word.startsWith('--ip')));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const refused: string[] = [];
    for (const command of lines) {
      const result = await exaplug('migrate', ...command.words.slice(2));
      if (result.code !== 0) refused.push(`${command.where}: ${command.words.join(' ')}: ${result.stderr.trim()}`);
    }
    expect(refused).toEqual([]);
  }, 60_000);

  it('the migrate example prints exactly the config the guide shows', async () => {
    const guide = docs.find(({ file }) => file === 'docs/migrating-from-healthcheck.md')!;
    const command = extractCommandLines(guide.file, guide.markdown).find((line) => line.words[1] === 'migrate' && line.words.includes('--cmd'))!;
    const shown = yamlBlocks.find((block) => block.file === guide.file && block.text.includes('made by `exaplug migrate`'))!;
    const result = await exaplug('migrate', ...command.words.slice(2));
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(shown.text.trim());
  }, 30_000);

  it('every npm script the docs run exists', () => {
    const scriptsOf = (dirName: string) => Object.keys((JSON.parse(readFileSync(join(root, dirName, 'package.json'), 'utf8')) as { scripts?: object }).scripts ?? {});
    const workspaces = new Map(['packages/core', 'examples/single-node'].map((path) => [(JSON.parse(readFileSync(join(root, path, 'package.json'), 'utf8')) as { name: string }).name, path]));
    const missing: string[] = [];
    for (const block of docs.flatMap(({ file, markdown }) => extractFencedBlocks(file, markdown)).filter((b) => ['sh', 'shell', 'bash'].includes(b.lang))) {
      block.text.split('\n').forEach((line, offset) => {
        const words = splitShellWords(line);
        if (words[0] !== 'npm') return;
        const script = words[1] === 'run' ? words[2] : ['start', 'test'].includes(words[1] as string) ? words[1] : undefined;
        if (!script) return;
        const workspace = words.includes('-w') ? workspaces.get(words[words.indexOf('-w') + 1] as string) : '.';
        if (!workspace || !scriptsOf(workspace).includes(script)) missing.push(`${block.file}:${block.line + 1 + offset}: ${line.trim()}`);
      });
    }
    expect(missing).toEqual([]);
  });
});

describe('the snippet checks can fail', () => {
  const fake = (yaml: string) => extractFencedBlocks('fake.md', `text\n\n\`\`\`yaml\n${yaml}\n\`\`\`\n`)[0] as FencedBlock;

  it('refuses a fragment with a misspelt key, placed where it belongs', async () => {
    expect(await validateBlock(fake('defaults:\n  intervall: 5s'), 'misspelt-default')).toMatch(/defaults.*intervall/);
    expect(await validateBlock(fake('strategy: { use: rotate, with: { node: 0, nodez: 3 } }'), 'misspelt-option')).toMatch(/services\.docs\.strategy/);
    expect(await validateBlock(fake('chekc: { use: exec, with: { argv: [true] } }'), 'misspelt-service-key')).toMatch(/chekc/);
    expect(await validateBlock(fake('# prometheus.yml\nscrape_configz: []'), 'misspelt-prometheus')).toMatch(/scrape_configz/);
  }, 30_000);

  it('refuses a whole config the validator refuses', async () => {
    expect(await validateBlock(fake('services:\n  web:\n    ips: [2001:db8::1/129]\n    check: { use: exec, with: { argv: [true] } }'), 'bad-whole')).toMatch(/services\.web\.ips\.0/);
  }, 30_000);

  it('refuses an unknown verb and an unknown flag', () => {
    const [drain, verb] = extractCommandLines('fake.md', '```console\n# exaplug drain web --wiat\n```\n\nRun `exaplug undrian web`.\n');
    expect(problemWithCommand(drain!.words, verbs)).toMatch(/has no --wiat/);
    expect(problemWithCommand(verb!.words, verbs)).toMatch(/no verb "undrian"/);
  });

  it('splits shell words as sh does, up to a comment or redirection', () => {
    expect(splitShellWords(`exaplug migrate --cmd "curl -sf http://[::1]/" --ip a > /etc/x.yaml`)).toEqual(['exaplug', 'migrate', '--cmd', 'curl -sf http://[::1]/', '--ip', 'a']);
    expect(splitShellWords('exaplug drain web   # note')).toEqual(['exaplug', 'drain', 'web']);
  });

  it('places fragment keys by the config schema', () => {
    expect(configForYamlBlock('metrics: { listen: ":9324" }\nrise: 2')).toMatchObject({ metrics: { listen: ':9324' }, services: { docs: { rise: 2 } } });
  });
});
