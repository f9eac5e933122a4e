/**
 * NestJS 12 ships ES modules only. Node loads them from CommonJS (`require(esm)`), Jest's module
 * system does not, so Jest compiles them to CommonJS like our own TypeScript. `import.meta.url` has
 * no CommonJS form: it becomes the file's URL, and the `createRequire(import.meta.url)` idiom
 * becomes Jest's own `require`.
 */
const { TsJestTransformer } = require('ts-jest');

const transformer = new TsJestTransformer({
  tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true, isolatedModules: true },
  diagnostics: false,
});

const toCommonJs = (source) =>
  source
    .replace(/const require = createRequire\(import\.meta\.url\);?/g, '')
    // ESM code that derives __dirname/__filename from import.meta: CommonJS has them already.
    .replace(/\bconst (__dirname|__filename)\s*=[^;\n]*;?/g, '')
    .replace(/import\.meta\.url/g, "require('node:url').pathToFileURL(__filename).href");

module.exports = {
  process: (source, path, options) => transformer.process(toCommonJs(source), path, options),
  getCacheKey: (source, path, options) => `${transformer.getCacheKey(toCommonJs(source), path, options)}:esm-to-cjs-2`,
};
