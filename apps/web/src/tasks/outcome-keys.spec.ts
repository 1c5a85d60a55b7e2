import { TASK_OUTCOME_SCHEMAS, type OutcomeSchema } from '../../../../libs/domain/src/task-outcome-schemas';
import en from '../i18n/en/tasks.json';
import vi from '../i18n/vi/tasks.json';

/** Every field name an answer's schema has, its branches' and its lists' items' included. */
function fieldNames(schema: OutcomeSchema, names = new Set<string>()): Set<string> {
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    names.add(name);
    fieldNames(field, names);
  }
  for (const branch of schema.oneOf ?? []) fieldNames(branch, names);
  if (schema.items) fieldNames(schema.items, names);
  return names;
}

/**
 * A completed task shows its answer labelled from the catalogues (`keys.*`, components/
 * readable-value.tsx); a field without a label would show its name made readable in English
 * ("Qms judgement") on a Vietnamese page.
 */
describe("the labels of a task's answer as it is shown once sent", () => {
  // A text in both languages (`{ vi, en }`) reads as one text, not as two labelled fields.
  const names = [...new Set(Object.values(TASK_OUTCOME_SCHEMAS).flatMap((s) => [...fieldNames(s)]))]
    .filter((name) => name !== 'vi' && name !== 'en')
    .sort();

  it.each([
    ['vi', vi],
    ['en', en],
  ])('labels every field of every answer in %s', (_, catalogue) => {
    expect(names.filter((name) => !(name in catalogue.keys))).toEqual([]);
  });
});
