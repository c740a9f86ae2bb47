import type { Script } from 'node:vm';

/** The code cache file of the bundle. */
export declare const bundleCache: string;
/** Whether the bundle exists and is newer than the last `tsc -b` of dist. */
export declare function bundleIsFresh(): boolean;
/** Runs the bundle; its exports (`runDirectly`) and the compiled script. */
export declare function loadBundle(): { exports: { runDirectly(argv: readonly string[]): Promise<false> }; script: Script };
