/**
 * The walls of the house (docs/architecture.md), checked by dependency-cruiser in `npm test`
 * (`npm run depcruise`, and test/architecture/walls.test.ts, which also proves that a planted
 * forbidden import and a planted cycle fail). Rules are written by folder, so a new file is held to
 * its folder's rule the day it is written.
 *
 * Data flows one way: event -> handler (functions/) -> use case -> domain -> ports -> adapters.
 * Which folder may import which:
 *
 *   shared/domain/       itself, the event contract (events/v1/) and pure libraries only
 *   shared/ports/        the domain, other ports, the event contract, pure libraries
 *   shared/use-cases/    the domain, ports, other use cases, the event contract, pure libraries
 *   shared/adapters/     anything in the product but use cases and composition roots; the inbound
 *                        adapters (adapters/http, adapters/lambda) drive use cases, so they may
 *                        import them
 *   shared/composition/  composition roots (one per environment): anything in the product
 *   events/              the contract: itself and pure libraries
 *   functions/           the product (shared/, events/) only
 *   infra/               the product's descriptions (tables, queues) and itself: never tools/ or
 *                        functions/ (it names handler files by path for bundling, no import)
 *   tools/               anything but test/
 *   test/                anything
 * and nothing imports test/; no import cycles anywhere, type-only imports included.
 */

/** Pure libraries: no I/O, no clock of their own, no cloud. The domain may use these and nothing else. */
const PURE_LIBRARIES = ['zod', 'libphonenumber-js', 'unhomoglyph', '@orama/stemmers', 'tiny-segmenter'];
/** Node's modules without I/O. */
const PURE_NODE_MODULES = ['crypto', 'buffer', 'util', 'assert', 'string_decoder'];

const pureLibraries = `^node_modules/(${PURE_LIBRARIES.join('|')})/`;
const pureNodeModules = `^(node:)?(${PURE_NODE_MODULES.join('|')})$`;
/**
 * The event contract. The domain reads its types (a review, a message, a complaint) and may use
 * its builders: everything under events/v1/ is itself held to purity (rule `contract-is-pure`),
 * so importing it keeps the domain pure. The demo streams and corpora (events/demo, events/corpus)
 * are data for tools and tests, not for the product.
 */
const contract = '^events/v1/';

/** Composition roots: shared/composition/, one per environment (aws, emulators, memory). */
const compositionRoots = ['^shared/composition/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycles anywhere, type-only imports included: move what both sides need into a module both import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'shared/domain imports nothing outside itself but the event contract (events/v1) and pure libraries: ' +
        'no AWS SDK, Powertools, CDK, node:fs/http/net/child_process, ports, use cases, adapters, handlers or tools.',
      from: { path: '^shared/domain/' },
      to: { pathNot: ['^shared/domain/', contract, pureLibraries, pureNodeModules] },
    },
    {
      name: 'ports-import-the-domain-only',
      severity: 'error',
      comment: 'A port is an interface over the domain: it imports the domain, other ports, the contract and pure libraries.',
      from: { path: '^shared/ports/' },
      to: { pathNot: ['^shared/domain/', '^shared/ports/', contract, pureLibraries, pureNodeModules] },
    },
    {
      name: 'use-cases-import-ports-and-domain-only',
      severity: 'error',
      comment:
        'A use case receives its ports as arguments: it imports the domain, ports, other use cases, the contract and ' +
        'pure libraries, never an adapter, an SDK or a composition root.',
      from: { path: '^shared/use-cases/' },
      to: { pathNot: ['^shared/domain/', '^shared/ports/', '^shared/use-cases/', contract, pureLibraries, pureNodeModules] },
    },
    {
      name: 'adapters-do-not-import-composition-roots',
      severity: 'error',
      comment: 'Composition roots build adapters, not the other way round.',
      from: { path: '^shared/adapters/', pathNot: compositionRoots },
      to: { path: compositionRoots },
    },
    {
      name: 'outbound-adapters-do-not-import-use-cases',
      severity: 'error',
      comment:
        'An outbound adapter implements a port; only the inbound adapters (adapters/http, adapters/lambda), which ' +
        'drive the use cases, and composition roots import use cases.',
      from: { path: '^shared/adapters/', pathNot: ['^shared/adapters/(http|lambda)/', ...compositionRoots] },
      to: { path: '^shared/use-cases/' },
    },
    {
      name: 'contract-is-pure',
      severity: 'error',
      comment: 'events/ is the contract and its data: it imports itself and pure libraries only.',
      from: { path: '^events/' },
      to: { pathNot: ['^events/', pureLibraries, pureNodeModules] },
    },
    {
      name: 'product-does-not-import-tools-infra-functions-or-tests',
      severity: 'error',
      comment: 'The product (shared/, events/) never imports tools/, infra/, functions/ or test/: they are built on it.',
      from: { path: '^(shared|events)/' },
      to: { path: '^(tools|infra|functions|test|bin)/' },
    },
    {
      name: 'functions-import-the-product-only',
      severity: 'error',
      comment: 'A Lambda handler imports the product (shared/, events/) and libraries: never tools/, infra/ or test/.',
      from: { path: '^functions/' },
      to: { path: '^(tools|infra|test|bin)/' },
    },
    {
      name: 'infra-does-not-import-tools-or-functions',
      severity: 'error',
      comment: 'infra/ references handler files by path for bundling; it imports neither them nor the tools.',
      from: { path: '^infra/' },
      to: { path: '^(tools|functions|test|bin)/' },
    },
    {
      name: 'tools-do-not-import-tests',
      severity: 'error',
      comment: 'Tests are built on the tools, not the other way round.',
      from: { path: '^(tools|bin)/' },
      to: { path: '^test/' },
    },
    {
      name: 'product-does-not-import-dev-dependencies',
      severity: 'error',
      comment:
        'What runs on Lambda (shared/, events/, functions/) is bundled from dependencies: a devDependency there ' +
        'would be missing on AWS. Type-only imports (e.g. @types/aws-lambda) are erased and fine.',
      from: { path: '^(shared|events|functions)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(cdk\\.out|\\.local|\\.offside|coverage|dist|simulation)/' },
    // Type-only imports are dependencies too (a cycle of types is still a cycle).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: { text: { highlightFocused: true } },
  },
};
