import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Folders of packages/core/src depend on each other in one direction only (issue 19): a
// cycle between folders means neither can be understood, moved or split without the other.
// Counted as the reviews count them: every relative import or re-export (a type too) of a
// non-test file, from its folder to the folder it names; a file at the top of src/ is its
// own node, and the package's faces (index.ts, plugin.ts), which import everything, are left out.
const src = fileURLToPath(new URL('../src/', import.meta.url));
const faces = new Set(['index.ts', 'plugin.ts']);

interface FolderImport {
  from: string;
  to: string;
  where: string;
  typeOnly: boolean;
}

/** The folder of a file of src/, or the file itself at the top. */
function folderOf(path: string): string {
  return relative(src, path).split(sep)[0] ?? path;
}

/** Whether an import or re-export brings types only. */
function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly;
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

/** Every import of one folder by another, read with the TypeScript parser. */
function folderImports(): FolderImport[] {
  const files = (readdirSync(src, { recursive: true }) as string[]).filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts') && !faces.has(path));
  return files.flatMap((file) => {
    const path = join(src, file);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    return source.statements.flatMap((statement) => {
      if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))) return [];
      const specifier = statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) return [];
      const from = folderOf(path);
      const to = folderOf(resolve(dirname(path), specifier.text).replace(/\.js$/, '.ts'));
      return from === to ? [] : [{ from, to, where: `${file} → ${specifier.text}`, typeOnly: isTypeOnly(statement) }];
    });
  });
}

/** The strongly connected groups of more than one folder (Tarjan), each with the imports inside it. */
function folderCycles(imports: readonly FolderImport[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of imports) next.set(from, (next.get(from) ?? new Set()).add(to));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (stack.includes(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = top === node ? undefined : stack.pop()) group.push(top);
    if (group.length > 1) groups.push(group);
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return groups.map((group) => imports.filter(({ from, to }) => group.includes(from) && group.includes(to)).map(({ from, to, where }) => `${from} → ${to}: ${where}`));
}

describe('folder-level imports of packages/core/src', () => {
  const imports = folderImports();

  it('reads the imports between folders', () => {
    expect(imports.length).toBeGreaterThan(50);
  });

  it('form no cycle through values', () => {
    expect(folderCycles(imports.filter((entry) => !entry.typeOnly))).toEqual([]);
  });

  it('form no cycle, types included', () => {
    expect(folderCycles(imports)).toEqual([]);
  });

  it('finds a cycle where there is one', () => {
    const entry = (from: string, to: string): FolderImport => ({ from, to, where: `${from}/x.ts`, typeOnly: false });
    expect(folderCycles([entry('a', 'b'), entry('b', 'c'), entry('c', 'a'), entry('c', 'd')])).toHaveLength(1);
    expect(folderCycles([entry('a', 'b'), entry('b', 'c')])).toEqual([]);
  });
});
