import { answerQuizSet, type AnsweredQuestion } from './quiz-answers';
import { parseQuizSet } from './quiz-format';
import type { Locale } from '../i18n/locales';

/**
 * The question files of `content/quiz/`, read at build time only (Quiz.astro's frontmatter and the tests): the
 * browser receives the rendered questions, never this code or the machine it runs.
 */
const files = import.meta.glob<unknown>(['/content/quiz/*.json', '/content/quiz/*/*.json'], { eager: true, import: 'default' });

/** The sets of one edition: `content/quiz/*.json` for English, `content/quiz/<locale>/*.json` for the others. */
export function quizSetNames(locale: Locale = 'en'): string[] {
  const folder = quizFolder(locale);
  return Object.keys(files)
    .filter((path) => path.replace(/[^/]+\.json$/, '') === `/${folder}/`)
    .map((path) => path.replace(/^.*\/([^/]+)\.json$/, '$1'))
    .sort();
}

function quizFolder(locale: Locale): string {
  return locale === 'en' ? 'content/quiz' : `content/quiz/${locale}`;
}

export interface LoadedQuiz {
  title: string | null;
  questions: AnsweredQuestion[];
}

/**
 * Parses, checks and answers one set in one edition's language; throws a QuizError (file, question, fault) or an
 * Error for an unknown set. A page in another language never falls back to the English questions silently.
 */
export function loadQuizSet(name: string, locale: Locale = 'en'): LoadedQuiz {
  const file = `${quizFolder(locale)}/${name}.json`;
  const path = `/${file}`;
  if (!(path in files)) throw new Error(`<Quiz set="${name}">: there is no ${file} (sets: ${quizSetNames(locale).join(', ') || 'none yet'})`);
  const set = parseQuizSet(files[path], file);
  return { title: set.title ?? null, questions: answerQuizSet(set, file) };
}
