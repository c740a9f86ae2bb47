// Workspace packages export `@exaplug/source` → src/*.ts, so tests run against the
// sources without a build; published packages resolve to dist/ as usual.
export const sourceConditions = ['@exaplug/source', 'node', 'import', 'module', 'default'];
