import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// docs/architecture.md is the map a newcomer follows (issue 19 §4): every file, folder,
// module, package, class, `Class.member` and `function()` it names must exist, so a rename
// or a move that forgets the map fails here instead of leaving it wrong.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const coreSrc = join(root, 'packages/core/src');
const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
const coreFolders = new Set(readdirSync(coreSrc).filter((name) => statSync(join(coreSrc, name)).isDirectory()));
/** Names the doc may use that no exaplug source declares: Node's and the platform's. */
const platformNames = new Set(['AbortSignal', 'AsyncLocalStorage']);

/** Every non-test TypeScript source of every package, read once. */
const sources: string[] = readdirSync(join(root, 'packages')).flatMap((name) => {
  const src = join(root, 'packages', name, 'src');
  if (!existsSync(src)) return [];
  return (readdirSync(src, { recursive: true }) as string[]).filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts')).map((path) => readFileSync(join(src, path), 'utf8'));
});

/** The text of the doc where names are written as code: inline code spans and fenced blocks. */
function codeText(markdown: string): string[] {
  const fenced = [...markdown.matchAll(/^```[\w-]*\n([\s\S]*?)^```/gm)].map((match) => match[1] as string);
  const prose = markdown.replace(/^```[\w-]*\n[\s\S]*?^```/gm, '');
  const spans = [...prose.matchAll(/`([^`\n]+)`/g)].map((match) => match[1] as string);
  return [...fenced, ...spans];
}

/** Whether a path the doc names exists: a core folder/module, a core test, or a path from the repository root. */
function pathExists(path: string): boolean {
  const bare = path.replace(/\/$/, '');
  const candidates = [join(root, bare), join(coreSrc, bare), join(coreSrc, `${bare}.ts`), join(root, 'packages/core', bare)];
  return candidates.some((candidate) => existsSync(candidate));
}

/** Whether a source declares a class, interface or type of that name. */
function typeDeclared(name: string): boolean {
  const declaration = new RegExp(`\\b(class|interface|type)\\s+${name}\\b`);
  return sources.some((text) => declaration.test(text));
}

/** Whether a source declares a function, method, property or constant of that name. */
function valueDeclared(name: string): boolean {
  const declaration = new RegExp(`(function\\s+${name}\\b|(const|let)\\s+${name}\\b|^\\s+(private\\s+|readonly\\s+|async\\s+|get\\s+|static\\s+)*${name}\\s*[(<:=?])`, 'm');
  return sources.some((text) => declaration.test(text));
}

/** Whether the file declaring `type` declares `member` too. */
function memberDeclared(type: string, member: string): boolean {
  const declaration = new RegExp(`\\b(class|interface)\\s+${type}\\b`);
  const memberLine = new RegExp(`^\\s+(private\\s+|readonly\\s+|async\\s+|get\\s+|static\\s+)*${member}\\s*[(<:=?]`, 'm');
  return sources.some((text) => declaration.test(text) && memberLine.test(text));
}

const text = codeText(doc);
const all = (pattern: RegExp) => [...new Set(text.flatMap((chunk) => [...chunk.matchAll(pattern)].map((match) => match[0])))];

describe('docs/architecture.md', () => {
  it('names files and folders that exist', () => {
    // A lone `name/` is a folder of core (the folder table); longer paths start at a core folder or the repository root.
    const paths = all(/(?<![\w@/.-])(?:[\w.-]+\/)+[\w.-]*(?![\w/*-])/g).filter((path) => {
      const first = path.split('/')[0] as string;
      return /^[\w-]+\/$/.test(path) || coreFolders.has(first) || ['packages', 'examples', 'test', 'docs', 'bench', 'templates', 'scripts'].includes(first);
    });
    expect(paths.length).toBeGreaterThan(40);
    expect(paths.filter((path) => !pathExists(path))).toEqual([]);
  });

  it('names packages that exist', () => {
    const folders = ['packages', 'examples'].flatMap((parent) => readdirSync(join(root, parent)).map((name) => join(root, parent, name)));
    const names = new Set(folders.flatMap((folder) => {
      const manifest = join(folder, 'package.json');
      return existsSync(manifest) ? [(JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name] : [];
    }));
    const named = all(/@exaplug\/[a-z-]+(?:\{[a-z,]+\})?/g).flatMap((name) => {
      const braces = /^(.*-)\{([a-z,]+)\}$/.exec(name);
      return braces ? (braces[2] as string).split(',').map((part) => `${braces[1]}${part}`) : [name];
    });
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((name) => !names.has(name))).toEqual([]);
  });

  it('names classes and types that exist', () => {
    const types = all(/\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b/g).filter((name) => !platformNames.has(name));
    expect(types.length).toBeGreaterThan(20);
    expect(types.filter((name) => !typeDeclared(name))).toEqual([]);
  });

  it('names members of those classes that exist', () => {
    const members = all(/\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\.[a-z]\w*/g);
    expect(members.length).toBeGreaterThan(15);
    expect(members.filter((pair) => !memberDeclared(...(pair.split('.') as [string, string])))).toEqual([]);
  });

  it('names functions, options and events the sources use', () => {
    // A camelCase word written as code (`loadCheck`, `minDwell`, `checkCompleted`) is a
    // function, a config key or an event: renamed in the code, it must be renamed here.
    const words = text.filter((chunk) => /^[a-z]+[A-Z]\w*$/.test(chunk));
    expect(words.length).toBeGreaterThan(15);
    expect(words.filter((word) => !sources.some((source) => new RegExp(`\\b${word}\\b`).test(source)))).toEqual([]);
  });

  it('names functions that exist', () => {
    const functions = all(/\b[a-z]\w*(?=\(\))/g);
    expect(functions.length).toBeGreaterThan(15);
    expect(functions.filter((name) => !valueDeclared(name))).toEqual([]);
  });
});
