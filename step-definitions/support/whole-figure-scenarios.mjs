import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The scenarios that walk a whole figure: those that claim no `@steps:` subset (on themselves or their
 * feature), as `file:line` paths for a Cucumber profile. Read from the feature files, so a scenario
 * added or moved is picked up without a tag of its own (the Gherkin is the product teams' text).
 */
export function wholeFigureScenarios(dir = 'features') {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.feature'));
  return files.sort().flatMap((file) => scenarioLines(readFileSync(join(dir, file), 'utf8')).map((line) => `${join(dir, file)}:${line}`));
}

/** The line numbers of a feature's scenarios (and outlines) whose tags, the feature's included, name no `@steps:`. */
export function scenarioLines(text) {
  const lines = [];
  let featureTags = [];
  let pending = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('@')) pending.push(...line.split(/\s+/));
    else if (line.startsWith('Feature:')) [featureTags, pending] = [pending, []];
    else if (/^Scenario( Outline)?:/.test(line)) {
      if (![...featureTags, ...pending].some((tag) => tag.startsWith('@steps:'))) lines.push(index + 1);
      pending = [];
    } else if (line !== '' && !line.startsWith('#')) pending = [];
  });
  return lines;
}
