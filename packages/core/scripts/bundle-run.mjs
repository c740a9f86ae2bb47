// `exaplug run` and `exaplug validate` in one CommonJS file (dist/bundle/run-directly.cjs),
// after `tsc -b`, and its V8 code cache: Node loads ~290 ES modules for them otherwise, and
// ExaBGP's routes wait for `run`'s first command. bin/load-bundle.js loads it while it is
// newer than the last tsc build; `--warm` is the cache's writer (see warmCodeCache).
//
// What stays outside the bundle, imported from where it is:
// - dist/errors.js and @exaplug/protocol: `isExaplugError` is an instanceof check, and a
//   plugin throws the ExaplugError of `@exaplug/core/plugin`, which must be the same class;
// - what is only loaded on demand (pino-pretty at a terminal, cosmiconfig's TypeScript
//   loader, oclif).
// Everything else is bundled, zod too (it alone was ~70 ms of ES modules): the rest of the
// plugin API holds its state in globalThis (Symbol.for: the plugin scope, the process groups,
// the check brand), and the core reads plugin schemas through zod 4's `_zod.def`, so a
// plugin's own copy of zod works as it always did.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const core = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(core, 'dist');
const outdir = resolve(dist, 'bundle');

/**
 * Runs `exaplug run` from the bundle once, on three file services, until its stdin closes
 * (it stops, as when ExaBGP is gone), and writes the code cache as it exits: the cache
 * then holds every function a start compiles, not only the top level. Same Node, same
 * flags as ExaBGP's `exaplug run`, or V8 refuses it and compiles as before.
 */
async function warmCodeCache() {
  const { bundleCache, loadBundle } = await import('../bin/load-bundle.js');
  const dir = mkdtempSync(join(tmpdir(), 'exaplug-bundle-'));
  const config = join(dir, 'exaplug.yaml');
  writeFileSync(config, `log: { level: fatal }\nstateDir: ${JSON.stringify(dir)}\ncontrol: { socket: ${JSON.stringify(join(dir, 'control.sock'))} }\nservices:\n${[1, 2, 3].map((n) => `  s${n}: { ips: ['192.0.2.${n}/32'], check: { use: file, with: { path: exaplug.yaml } } }`).join('\n')}\n`);
  const { exports, script } = loadBundle();
  const exit = process.exit.bind(process);
  process.exit = (code) => {
    writeFileSync(bundleCache, script.createCachedData());
    rmSync(dir, { recursive: true, force: true });
    exit(code);
  };
  await exports.runDirectly(['run', '--config', config]);
}

const shared = new Set([resolve(dist, 'errors.js')]);
/** Imports of a shared file stay imports, pointed from the bundle's folder at the file in dist. */
const keepSharedOutside = {
  name: 'keep-shared-outside',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\.?\// }, (args) => {
      const file = resolve(args.resolveDir, args.path);
      if (!shared.has(file)) return undefined;
      const path = relative(outdir, file).split('\\').join('/');
      return { path: path.startsWith('.') ? path : `./${path}`, external: true };
    });
  },
};

/**
 * zod's translations of its messages into 40 languages, a quarter of the bundle to compile at
 * every start: the core words its messages in English (a plugin's zod, imported apart, keeps all).
 */
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

async function bundle() {
  await build({
    entryPoints: { 'run-directly': resolve(dist, 'cli/run-directly.js') },
    // Paths in the bundle's comments relative to the package, whoever runs the build from where.
    absWorkingDir: core,
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    // CommonJS, run through vm.Script: ES modules have no code cache on Node 20.
    format: 'cjs',
    target: 'node20',
    external: ['@exaplug/protocol', 'typescript', 'pino-pretty', '@oclif/*'],
    // Paths the core finds from its own file (package.json, plugins beside core) hold from
    // dist/bundle/ as from dist/<folder>/: both are two levels under the package.
    define: { 'import.meta.url': 'bundleUrl' },
    banner: { js: "const bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [keepSharedOutside, englishOnlyZod],
    logLevel: 'warning',
    legalComments: 'none',
  });
}

/**
 * `import(x)` in the bundle becomes `bundleImport(x)`, a parameter bin/load-bundle.js passes
 * in: a vm.Script compiled from a code cache has no dynamic-import callback on Node 20.
 * Only calls are rewritten (an identifier or a quote after the parenthesis), not the word
 * in comments; a bundle with none is refused, as a sign that the pattern no longer fits.
 */
function routeDynamicImports(file) {
  let calls = 0;
  const source = readFileSync(file, 'utf8').replace(/(?<![\w$.])import\((?=[\w$"'`])/g, () => {
    calls += 1;
    return 'bundleImport(';
  });
  if (calls === 0) throw new Error(`no import() call found in ${file}: plugins could not be loaded from it`);
  writeFileSync(file, source);
}

/** The warm-up in a process of its own; its stdin is closed once it has written its first command. */
async function runWarmUp() {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--warm'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let logs = '';
  child.stderr.on('data', (chunk) => (logs += chunk));
  child.stdout.once('data', () => setTimeout(() => child.stdin.end(), 300));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [code, signal] = await once(child, 'exit');
  clearTimeout(timer);
  if (code !== 0 || !existsSync(resolve(outdir, 'run-directly.cjs.cache'))) throw new Error(`writing the bundle's code cache failed (${code ?? signal}):\n${logs}`);
}

if (process.argv[2] === '--warm') {
  await warmCodeCache();
} else {
  if (!existsSync(resolve(dist, 'cli/run-directly.js'))) throw new Error('packages/core/dist is missing: run tsc -b first');
  rmSync(outdir, { recursive: true, force: true });
  await bundle();
  routeDynamicImports(resolve(outdir, 'run-directly.cjs'));
  await runWarmUp();
}
