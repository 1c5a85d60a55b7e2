import type { ProblemBook } from '../components/problem-book';
import type { TaskDetail } from '../task-types';

/** What every task kind's form gets: the task (its `form`), the API's refusal, and how to send. */
export interface TaskFormProps {
  task: TaskDetail;
  problems: ProblemBook;
  busy: boolean;
  onSubmit: (outcome: Record<string, unknown>) => void;
  /**
   * The Quality Representative enters the answer this person gave on paper (a kind of
   * `PAPER_ANSWERED_KINDS`): the form says so, and sends `onPaper`.
   */
  onPaperFor?: string;
}

/** The workflow's form data, read defensively: what a kind's workflow put there, or nothing. */
export const formOf = <T>(task: TaskDetail): Partial<T> => (task.form ?? {}) as Partial<T>;
