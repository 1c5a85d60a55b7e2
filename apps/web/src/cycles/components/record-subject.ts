import type { Schemas } from './format';
import { taskTitleText, type Translate } from '../../tasks/components/format';
import { localized } from '../../tasks/task-types';

/** A record of the year as the API names it with a page: a task, or a corrective action. */
export type Subject = Schemas['EventSubjectView'];

/** A record as the history heads its events: a task by its title, a corrective action by its nonconformity. */
export function subjectText(
  subject: Subject,
  t: Translate,
  language: string,
  unit: (code: string) => string,
) {
  if (subject.title) return taskTitleText(localized(subject.title, language), subject.periodKey, t);
  return t('cycles:history.nonconformity', {
    unit: subject.unitCode ? unit(subject.unitCode) : '',
    finding: subject.finding ?? '',
  });
}
