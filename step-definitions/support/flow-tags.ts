/**
 * What a scenario claims to cover, read from its tags: `@figure7`, `@steps:7.1,7.5`, `@branch:new-party`.
 * `@steps:none` is a scenario that exercises a rule of the figure but none of its steps (e.g. a refused call).
 * `@setup:figure7` names a figure the scenario goes through first, to set the scene.
 */
export interface Coverage {
  readonly figures: number[];
  readonly steps?: string[];
  readonly branches: string[];
  /** Figures its Background goes through first (`@setup:figure7`): they explain traffic, nothing more. */
  readonly setup: number[];
}

export function coverageOf(tags: readonly string[]): Coverage {
  const figures = tags
    .map((t) => /^@figure(\d+)$/.exec(t)?.[1])
    .filter((f): f is string => Boolean(f))
    .map(Number);
  const steps = tags
    .filter((t) => t.startsWith('@steps:'))
    .flatMap((t) => t.slice('@steps:'.length).split(','))
    .filter((s) => s !== 'none');
  const claimsSteps = tags.some((t) => t.startsWith('@steps:'));
  const branches = tags.filter((t) => t.startsWith('@branch:')).map((t) => t.slice('@branch:'.length));
  const setup = tags
    .map((t) => /^@setup:figure(\d+)$/.exec(t)?.[1])
    .filter((f): f is string => Boolean(f))
    .map(Number);
  return { figures, steps: claimsSteps ? steps : undefined, branches, setup };
}
