import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TemplateFile } from './render-template.js';

/** Build output and installs a template workspace may have in the repo; never copied. */
const skipped = /^(?:node_modules|dist|coverage)$|\.tsbuildinfo$/;

/** Reads every file of a template folder, sorted by path. */
export async function readTemplateFiles(dir: string, prefix = ''): Promise<TemplateFile[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  const files: TemplateFile[] = [];
  for (const entry of entries) {
    if (skipped.test(entry.name)) continue;
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await readTemplateFiles(dir, path)));
    else if (entry.isFile()) files.push({ path, content: await readFile(join(dir, path), 'utf8') });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** Writes files under `dir`, which must already exist; refuses to replace any file. */
export async function writeTemplateFiles(dir: string, files: readonly TemplateFile[]): Promise<void> {
  for (const file of files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, { flag: 'wx' });
  }
}
