// dependency-cruiser: the import rules of the code base, checked in `npm test` (scripts/test.sh).
// No circles anywhere; shared imports nothing outside shared; client and server never import each
// other; the pure room core (shared/room) imports no schema library, nothing of Node, the DOM,
// Express, Socket.IO or LiveKit, and takes only types from the protocol (plus its zod-free
// constants). ESLint (eslint.config.js) enforces the same folder rules in the editor.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: split the shared part out into a module both can import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-stays-shared',
      severity: 'error',
      comment: 'shared/ is used by the server, the client and the tests: it imports none of them.',
      from: { path: '^shared/' },
      to: { path: '^(server|client|tests|scripts)/' },
    },
    {
      name: 'client-not-server',
      severity: 'error',
      comment: 'The browser talks to the server over HTTP and Socket.IO only, through shared/.',
      from: { path: '^client/' },
      to: { path: '^server/' },
    },
    {
      name: 'server-not-client',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^client/' },
    },
    {
      name: 'client-no-node',
      severity: 'error',
      comment: 'The client runs in the browser: no Node built-ins.',
      from: { path: '^client/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'server-no-browser',
      severity: 'error',
      comment: 'Browser-only packages stay out of the server.',
      from: { path: '^server/' },
      to: {
        path: 'node_modules/(react|react-dom|react-i18next|livekit-client|socket\\.io-client)/',
      },
    },
    {
      name: 'room-core-pure',
      severity: 'error',
      comment:
        'shared/room is the pure core: no zod, nothing of Node, the DOM, Express, Socket.IO or LiveKit.',
      from: { path: '^shared/room/' },
      to: {
        path: 'node_modules/(zod|express|socket\\.io[^/]*|livekit[^/]*|@livekit/[^/]+|react[^/]*|better-sqlite3)/',
      },
    },
    {
      name: 'shared-no-node',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'room-core-protocol-types-only',
      severity: 'error',
      comment:
        'The protocol schemas import zod: the room core takes their types only (and the zod-free constants).',
      from: { path: '^shared/room/' },
      to: {
        path: '^shared/protocol/',
        pathNot: '^shared/protocol/constants\\.ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|coverage|test-results|\\.tools|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
