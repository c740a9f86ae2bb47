// The bundled `run` and `validate` (scripts/bundle-run.mjs: one CommonJS file instead of ~290
// ES modules), compiled with the V8 code cache written beside it at build time: compiling
// the 1.2 MB bundle was a fifth of the start. Until ExaBGP has `run`'s first command its
// routes wait, so this is the path ExaBGP starts.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/bundle/run-directly.cjs', import.meta.url));

/** The code cache of the bundle; V8 refuses one made for other source or flags, and compiles as usual. */
export const bundleCache = `${bundle}.cache`;

/** Whether the bundle exists and is newer than the last `tsc -b` of dist (a stale one is never used). */
export function bundleIsFresh() {
  const mtime = (path) => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs;
  const bundled = mtime('../dist/bundle/run-directly.cjs');
  const compiled = mtime('../dist/.tsbuildinfo');
  return bundled !== undefined && (compiled === undefined || compiled <= bundled);
}

/**
 * Runs the bundle as Node runs a CommonJS module (its own `require`, `__filename`), with
 * dynamic `import()` (plugins) through this module's. Returns its exports and the compiled
 * script, whose `createCachedData()` the build's warm-up writes to `bundleCache`.
 */
export function loadBundle() {
  const source = readFileSync(bundle, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(bundleCache);
  } catch {
    cachedData = undefined;
  }
  // The bundle's `import()`s (plugins, cosmiconfig's loaders) were turned into calls of
  // `bundleImport` (scripts/bundle-run.mjs): a vm.Script made from a code cache loses its
  // dynamic-import callback on Node 20 (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING).
  const script = new Script(`(function (exports, require, module, __filename, __dirname, bundleImport) {${source}\n})`, { filename: bundle, cachedData });
  const module = { exports: {} };
  const bundleImport = (specifier) => import(specifier);
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle), bundleImport);
  return { exports: module.exports, script };
}
