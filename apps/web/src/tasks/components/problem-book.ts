import { ApiProblem, type FieldProblem } from '../../api/client';

/** The API names answer fields from the outcome (`figures[…]`), DTO validation from the body (`outcome.…`). */
const normalise = (path: string) => path.replace(/^outcome(\.|$)/, '');

/** A problem's path is the field's or one inside it (`objectives[2].title.vi` of `objectives`). */
export const isAtOrUnder = (path: string, parent: string) =>
  path === parent || path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);

/** A problem about `path` is stale once `edited` changed: the field itself, one inside it, or its parent. */
const touches = (problemPath: string, edited: string) =>
  isAtOrUnder(problemPath, edited) || (problemPath !== '' && isAtOrUnder(edited, problemPath));

/**
 * The API's refusal, handed to a form: each field asks for its own problems (`at`, or `exact` for a
 * list whose items ask for theirs); whatever no field asked for is listed at the top of the form.
 * A field the user changed since the refusal (`edit(path)`) no longer shows the API's problems
 * about it: they were about the value it had then. The form's own live hints are not the book's.
 */
export class ProblemBook {
  private readonly asked: { path: string; exact: boolean }[] = [];
  /** All the API's problems of the refusal, edited fields or not. */
  readonly all: FieldProblem[];
  /** The problems still standing: those of fields not changed since. */
  readonly problems: FieldProblem[];

  constructor(
    readonly error: unknown,
    private readonly edited: ReadonlySet<string> = new Set(),
    private readonly onEdit?: (path: string) => void,
  ) {
    this.all =
      error instanceof ApiProblem
        ? error.problems.map((problem) => ({ ...problem, path: normalise(problem.path) }))
        : [];
    this.problems = this.all.filter((problem) => ![...edited].some((path) => touches(problem.path, path)));
  }

  /** The user changed this field (call from its change handler): its refusal no longer applies. */
  edit(path: string): void {
    if (this.onEdit && this.problems.some((problem) => touches(problem.path, path))) this.onEdit(path);
  }

  /** The problems of one field and of its children. */
  at(path: string): FieldProblem[] {
    this.asked.push({ path, exact: false });
    return this.problems.filter((problem) => isAtOrUnder(problem.path, path));
  }

  /** The problems of exactly this path (a list as a whole; its items are asked separately). */
  exact(path: string): FieldProblem[] {
    this.asked.push({ path, exact: true });
    return this.problems.filter((problem) => problem.path === path);
  }

  /** Problems no field showed (after the form rendered). */
  unmatched(): FieldProblem[] {
    return this.problems.filter(
      (problem) =>
        !this.asked.some((asked) =>
          asked.exact ? problem.path === asked.path : isAtOrUnder(problem.path, asked.path),
        ),
    );
  }
}

/** The API's problems and the browser's own hints for one field, each reason once. */
export function merged(...lists: (FieldProblem[] | undefined)[]): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const problem of lists.flat()) {
    if (!problem || seen.has(problem.reason)) continue;
    seen.add(problem.reason);
    out.push(problem);
  }
  return out;
}
