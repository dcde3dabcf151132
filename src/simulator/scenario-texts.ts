import type { Scenario, ScenarioTexts } from './scenario';

/**
 * A scenario's title and description in one language of the site: the file's `i18n.<language>` texts, each
 * falling back to the file's own (English) one when it has no translation.
 */
export function scenarioTexts(scenario: Pick<Scenario, 'title' | 'description' | 'i18n'>, language: string): ScenarioTexts {
  const translated: ScenarioTexts = (scenario.i18n as Record<string, ScenarioTexts> | undefined)?.[language] ?? {};
  const texts: ScenarioTexts = {};
  const title = translated.title ?? scenario.title;
  const description = translated.description ?? scenario.description;
  if (title !== undefined) texts.title = title;
  if (description !== undefined) texts.description = description;
  return texts;
}
