import { useId, type ReactNode } from 'react';
import type { FieldProblem } from '../../api/client';
import { FieldError } from '../../ui/field';

/**
 * A control inside a table row: its label is spoken (the column header is seen), its problems are
 * written right under it.
 */
export function CellControl({
  label,
  problems = [],
  hideLabel = false,
  children,
}: {
  label: string;
  /** In a table whose column headers show it: spoken, not shown. */
  hideLabel?: boolean;
  problems?: FieldProblem[];
  children: (control: {
    id: string;
    describedBy: string | undefined;
    invalid: boolean;
    label: string;
  }) => ReactNode;
}) {
  const id = useId();
  const errorId = problems.length > 0 ? `${id}-error` : undefined;
  return (
    <div className={`cell-control field${problems.length > 0 ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'cell-label'}>
        {label}
      </label>
      {children({ id, describedBy: errorId, invalid: problems.length > 0, label })}
      <FieldError id={errorId} problems={problems} />
    </div>
  );
}
