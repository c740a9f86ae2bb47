#!/usr/bin/env node
// `exaplug run` (what ExaBGP starts) goes straight to the process shell when its flags are
// plain; everything else, and any doubt, goes through oclif.
const handled = process.argv[2] === 'run' && (await (await import('../dist/cli/run-directly.js')).runDirectly(process.argv.slice(3))) !== false;
if (!handled) {
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
}
