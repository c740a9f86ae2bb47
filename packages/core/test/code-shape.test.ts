import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The shape rules of issue 19 that eslint cannot state: a class of at most 20 members
// (fields, methods, accessors, the constructor and its parameter properties) and a source
// file of at most 300 lines, over every non-test file of packages/*/src. Functions of at
// most 60 lines are eslint's `max-lines-per-function` (eslint.config.js, run by lint.test.ts).
const root = fileURLToPath(new URL('../../../', import.meta.url));
const maxMembers = 20;
const maxLines = 300;

/** Every non-test TypeScript source file under packages/<name>/src. */
function sourceFiles(): string[] {
  const packages = join(root, 'packages');
  return readdirSync(packages).flatMap((name) => {
    const src = join(packages, name, 'src');
    try {
      return (readdirSync(src, { recursive: true }) as string[]).map((path) => join(src, path));
    } catch {
      return [];
    }
  }).filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('.d.ts'));
}

/** The members of a class as the rule counts them. */
function memberCount(node: ts.ClassLikeDeclaration): number {
  let count = 0;
  for (const member of node.members) {
    if (ts.isPropertyDeclaration(member) || ts.isMethodDeclaration(member) || ts.isGetAccessor(member) || ts.isSetAccessor(member)) count += 1;
    if (ts.isConstructorDeclaration(member)) count += 1 + member.parameters.filter((parameter) => ts.isParameterPropertyDeclaration(parameter, member)).length;
  }
  return count;
}

/** `file: Class has N members` for every class over the limit in one file. */
function largeClasses(path: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isClassLike(node)) {
      const count = memberCount(node);
      if (count > maxMembers) found.push(`${relative(root, path)}: ${node.name?.text ?? 'a class'} has ${count} members`);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true));
  return found;
}

/** Lines as `wc -l` counts them. */
function lineCount(text: string): number {
  return text.split('\n').length - 1 + (text.endsWith('\n') || text === '' ? 0 : 1);
}

describe('code shape', () => {
  const files = sourceFiles().map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  it('reads the sources of every package', () => {
    expect(files.length).toBeGreaterThan(200);
  });

  it(`has no class of more than ${maxMembers} members`, () => {
    expect(files.flatMap(({ path, text }) => largeClasses(path, text))).toEqual([]);
  });

  it(`has no source file of more than ${maxLines} lines`, () => {
    const long = files.filter(({ text }) => lineCount(text) > maxLines).map(({ path, text }) => `${relative(root, path)}: ${lineCount(text)} lines`);
    expect(long).toEqual([]);
  });

  it('counts what it claims to count', () => {
    const text = 'class A {\n  a = 1;\n  constructor(private readonly b: number) {}\n  get c() { return 1; }\n  d() {}\n}\n';
    const node = ts.createSourceFile('a.ts', text, ts.ScriptTarget.Latest, true).statements[0] as ts.ClassDeclaration;
    expect(memberCount(node)).toBe(5);
    expect(lineCount(text)).toBe(6);
  });
});
