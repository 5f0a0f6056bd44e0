/**
 * Architecture rules checked by `npm run check` (dependency-cruiser). See docs/architecture.md.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules form a hierarchy: a cycle means two modules are one, or one needs a port.',
      from: { path: '^(server|matcher)/src' },
      to: { circular: true },
    },
    {
      name: 'matcher-is-pure',
      severity: 'error',
      comment: 'The matcher is a pure library: it imports nothing from the server or the UI.',
      from: { path: '^matcher/' },
      to: { path: '^(server|ui)/' },
    },
    {
      name: 'modules-through-index',
      severity: 'error',
      comment:
        'A module uses another module only through its index.ts (its public surface); modules/shared is the common kernel.',
      from: { path: '^server/src/modules/([^/]+)/' },
      to: {
        path: '^server/src/modules/([^/]+)/.+',
        pathNot: [
          '^server/src/modules/$1/',
          '^server/src/modules/shared/',
          '^server/src/modules/[^/]+/index\\.ts$',
        ],
      },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      comment: 'Production code never imports test helpers or doubles.',
      from: { path: '^(server|matcher)/src' },
      to: { path: '^(server|matcher)/test' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    preserveSymlinks: false,
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'] },
  },
};
