/**
 * The eleven states as the state-machine article defines them: the RFC's own §3.3.2 definition (the machine's
 * `meaning`, or its translation on a translated page), the state's gloss in the page's language, and a note on
 * what the state means in practice.
 */
import { machine } from '../machine/definition';
import type { State } from '../machine/types';
import type { Translate } from '../i18n/format';
import type { MessageKey } from '../i18n/messages.en';

export interface StateDefinition {
  name: State;
  /** The state's name in the page's language, when it differs from the RFC's ("关闭" for CLOSED). */
  gloss: string | null;
  /** §3.3.2, the words after "represents": the machine's own in English. */
  definition: string;
  practice: string;
}

export function stateDefinitions(t: Translate): StateDefinition[] {
  return machine.states.map(({ name }) => {
    const gloss = t(`stateName.${name}` as MessageKey);
    return {
      name,
      gloss: gloss === name ? null : gloss,
      definition: t(`state.${name}` as MessageKey),
      practice: t(`statePractice.${name}` as MessageKey),
    };
  });
}

/** "A server after `listen()`" → text and code runs, for a component to render the code in <code>. */
export function codeRuns(text: string): Array<{ code: boolean; text: string }> {
  return text.split(/`([^`]+)`/).map((part, index) => ({ code: index % 2 === 1, text: part })).filter((run) => run.text !== '');
}
