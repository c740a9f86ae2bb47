#!/usr/bin/env node
// `exaplug run` (what ExaBGP starts) and `exaplug validate` skip oclif when their flags are
// plain; everything else, and any doubt, goes through oclif. Both come from the bundle
// (load-bundle.js) while it is newer than the last `tsc -b` of dist, else from dist itself.
import { bundleIsFresh, loadBundle } from './load-bundle.js';

const { runDirectly } = bundleIsFresh() ? loadBundle().exports : await import('../dist/cli/run-directly.js');
if ((await runDirectly(process.argv.slice(2))) === false) {
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
}
