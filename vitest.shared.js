// Workspace packages export `@exaplug/source` → src/*.ts, so tests run against the
// sources without a build; published packages resolve to dist/ as usual.
// No 'import'/'module' here: vitest hands these to Node as --conditions, and a CommonJS
// dependency that ships a separate ESM build (pg → pg-pool) would then load the wrong one.
export const sourceConditions = ['@exaplug/source', 'node'];
