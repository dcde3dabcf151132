import { answerQuizSet, type AnsweredQuestion } from './quiz-answers';
import { parseQuizSet } from './quiz-format';

/**
 * The question files of `content/quiz/`, read at build time only (Quiz.astro's frontmatter and the tests): the
 * browser receives the rendered questions, never this code or the machine it runs.
 */
const files = import.meta.glob<unknown>('/content/quiz/*.json', { eager: true, import: 'default' });

export function quizSetNames(): string[] {
  return Object.keys(files).map((path) => path.replace(/^.*\/([^/]+)\.json$/, '$1')).sort();
}

export interface LoadedQuiz {
  title: string | null;
  questions: AnsweredQuestion[];
}

/** Parses, checks and answers one set; throws a QuizError (file, question, fault) or an Error for an unknown set. */
export function loadQuizSet(name: string): LoadedQuiz {
  const path = `/content/quiz/${name}.json`;
  const file = `content/quiz/${name}.json`;
  if (!(path in files)) throw new Error(`<Quiz set="${name}">: there is no ${file} (sets: ${quizSetNames().join(', ') || 'none yet'})`);
  const set = parseQuizSet(files[path], file);
  return { title: set.title ?? null, questions: answerQuizSet(set, file) };
}
