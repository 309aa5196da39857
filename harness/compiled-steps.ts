import type { IRunConfiguration } from '@cucumber/cucumber/api';

/**
 * Set by bin/cch.mjs when `cch` runs from its build (bin/compiled.mjs): the step definitions compiled beside
 * the CLI, and the `import` patterns of cucumber.mjs they were compiled from.
 */
export const COMPILED_STEPS = Symbol.for('cch.compiledStepDefinitions');

interface CompiledSteps {
  readonly patterns: readonly string[];
  readonly modules: readonly string[];
}

/**
 * The run configuration with Cucumber importing the compiled step definitions, when `cch` runs from its
 * build and the profile imports the step definitions the build compiled: the step definitions then share the
 * CLI's modules, and no TypeScript loader is needed. Otherwise (from source, or a profile importing other
 * files) the configuration as it is.
 */
export function withCompiledSteps(configuration: IRunConfiguration): IRunConfiguration {
  const compiled = (globalThis as { [COMPILED_STEPS]?: CompiledSteps })[COMPILED_STEPS];
  const importPaths = configuration.support.importPaths ?? [];
  if (!compiled || importPaths.length !== compiled.patterns.length || importPaths.some((p, i) => p !== compiled.patterns[i])) return configuration;
  return { ...configuration, support: { ...configuration.support, importPaths: [...compiled.modules] } };
}
