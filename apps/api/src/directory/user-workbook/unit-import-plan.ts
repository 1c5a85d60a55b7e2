import { isEmail } from 'class-validator';
import { validationProblem, type ProblemReason, type ValidationProblem } from '@qcycle/domain';
import { UNIT_CODE_PATTERN } from '../dto/directory.dto';
import type { DirectorySnapshot, KnownUser, PlannedRow } from './import-plan';
import {
  unitsNamed,
  type ColumnWords,
  type ImportAction,
  type KnownUnit,
  type SheetRows,
} from './import-sheet';

/**
 * What the units' sheet of an imported directory file would do (docs/api.md "Importing people from
 * a spreadsheet"): an office setting qcycle up lists its units (phòng, trung tâm) beside its
 * people, and the people's rows may name the units the same file adds. The code is the key: a unit
 * with that code is renamed or moved, any other is added. As for people, an empty cell keeps what
 * the directory has, and nothing is taken away: no unit is removed, none made top-level again.
 */

export type UnitColumn = 'code' | 'nameVi' | 'nameEn' | 'parent' | 'heads' | 'workHead';

/** The units' sheet's columns (a heading's note in brackets is not read, hence no "Name (English)"). */
export const UNIT_COLUMNS: Record<UnitColumn, ColumnWords> = {
  code: { vi: 'Mã đơn vị', en: 'Unit code', also: ['Mã', 'Code'] },
  nameVi: { vi: 'Tên đơn vị', en: 'Vietnamese name', also: ['Tên tiếng Việt', 'Tên', 'Unit name'] },
  nameEn: { vi: 'Tên tiếng Anh', en: 'English name', also: [] },
  parent: {
    vi: 'Trực thuộc',
    en: 'Part of',
    also: ['Thuộc đơn vị', 'Đơn vị cấp trên', 'Parent unit', 'Parent'],
  },
  heads: { vi: 'Trưởng đơn vị', en: 'Unit heads', also: ['Lãnh đạo đơn vị', 'Unit head', 'Heads'] },
  workHead: {
    vi: 'Người nhận việc của đơn vị',
    en: "Head taking the unit's work",
    also: ['Người nhận việc', 'Takes the work'],
  },
};

/** The longest name a unit may have, as on the Units page. */
const UNIT_NAME_MAX = 300;

/** A unit as the import leaves it. */
export interface ImportedUnitFields {
  nameVi: string;
  nameEn: string;
  parentCode: string | null;
}

/** Someone a unit's row makes its head. */
export interface PlannedHead {
  email: string;
  fullName: string;
  /** In the directory already; null for someone the people's sheet adds. */
  userId: string | null;
}

export interface PlannedUnitRow {
  row: number;
  /** Lower-cased, as the directory keeps it. */
  code: string;
  action: ImportAction;
  /** The unit once imported (or as it is, when unchanged or refused). */
  fields: ImportedUnitFields;
  /** For an update: which fields change. */
  changed: (keyof ImportedUnitFields)[];
  /** Those the row names its heads who do not lead it yet ({@link planUnitHeads}). */
  headsAdded: PlannedHead[];
  /** The head the row chooses to take the unit's work, when that changes the choice ({@link planUnitHeads}). */
  workHead: PlannedHead | null;
  problems: ValidationProblem[];
}

/** Works out, row by row, what importing the units' sheet into the directory's `units` would do. */
export function planUnitImport(
  rows: SheetRows<UnitColumn>['rows'],
  units: readonly KnownUnit[],
): PlannedUnitRow[] {
  const firstRowOf = new Map<string, number>();
  const planned = rows.map(({ row, cells }) => {
    const problems: ValidationProblem[] = [];
    const problem = (column: UnitColumn, code: ValidationProblem['code'], reason: ProblemReason) =>
      problems.push(validationProblem(`unitRows[${row}].${column}`, code, reason));
    const code = cells.code.toLowerCase();
    if (code === '') problem('code', 'required', { vi: 'Thiếu mã đơn vị.', en: 'No unit code.' });
    else if (!UNIT_CODE_PATTERN.test(code))
      problem('code', 'invalid-format', {
        vi: `Mã "${cells.code}" không dùng được: mã đơn vị gồm chữ cái không dấu, chữ số và dấu gạch ngang, tối đa 60 ký tự (ví dụ vp-tonghop).`,
        en: `The code "${cells.code}" cannot be used: a unit code is letters without accents, digits and dashes, at most 60 characters (e.g. vp-tonghop).`,
      });
    else if (firstRowOf.has(code))
      problem('code', 'duplicate', {
        vi: `Mã đơn vị này đã có ở dòng ${firstRowOf.get(code)}.`,
        en: `This unit code is already on row ${firstRowOf.get(code)}.`,
      });
    const keyed = problems.length === 0;
    if (keyed) firstRowOf.set(code, row);
    const known = units.find((unit) => unit.code === code);

    if (cells.nameVi === '' && !known)
      problem('nameVi', 'required', { vi: 'Thiếu tên đơn vị.', en: 'No unit name.' });
    for (const column of ['nameVi', 'nameEn'] as const)
      if (cells[column].length > UNIT_NAME_MAX)
        problem(column, 'out-of-range', {
          vi: `Tên đơn vị dài quá ${UNIT_NAME_MAX} ký tự.`,
          en: `The unit's name is longer than ${UNIT_NAME_MAX} characters.`,
        });
    const nameVi = cells.nameVi || known?.nameVi || '';
    // Most offices name their units in Vietnamese only: a new unit without an English name is
    // called the same in English, as an administrator would type it twice on the Units page.
    const nameEn = cells.nameEn || known?.nameEn || nameVi;
    return { row, code, keyed, known, nameVi, nameEn, problems, parentText: cells.parent };
  });

  // A parent may be any unit of the directory or of the file, by its code or its name as imported.
  const after = unitsWith(
    planned
      .filter((p) => p.keyed)
      .map((p) => ({ code: p.code, nameVi: p.nameVi, nameEn: p.nameEn, parentCode: null })),
    units,
  );
  const parentOf = new Map(units.map((unit) => [unit.code, unit.parentCode]));
  const resolved = planned.map((p) => {
    let parentCode = p.known?.parentCode ?? null;
    if (p.parentText !== '') {
      const named = unitsNamed(p.parentText, after);
      if (named.length === 1) parentCode = named[0].code;
      else
        p.problems.push(
          validationProblem(
            `unitRows[${p.row}].parent`,
            named.length === 0 ? 'unknown-reference' : 'inconsistent',
            named.length === 0
              ? {
                  vi: `Không có đơn vị "${p.parentText}" trong danh bạ hay trong trang này: ghi mã hoặc tên của đơn vị cấp trên.`,
                  en: `No unit "${p.parentText}" in the directory or on this sheet: write the code or name of the unit it is part of.`,
                }
              : {
                  vi: `Có ${named.length} đơn vị tên "${p.parentText}": hãy ghi mã đơn vị (${named.map((u) => u.code).join(', ')}).`,
                  en: `${named.length} units are named "${p.parentText}": write the unit's code (${named.map((u) => u.code).join(', ')}).`,
                },
          ),
        );
    }
    if (p.keyed) parentOf.set(p.code, parentCode);
    return { ...p, parentCode };
  });

  return resolved.map((p) => {
    if (p.keyed && p.parentText !== '' && p.parentCode !== null && liesUnder(p.parentCode, p.code, parentOf))
      p.problems.push(
        validationProblem(`unitRows[${p.row}].parent`, 'inconsistent', {
          vi: `Đơn vị "${p.parentText}" là chính ${p.code} hoặc thuộc ${p.code}: các đơn vị không thể thuộc nhau thành vòng.`,
          en: `"${p.parentText}" is ${p.code} or lies under it: units cannot form a loop.`,
        }),
      );
    const fields: ImportedUnitFields = { nameVi: p.nameVi, nameEn: p.nameEn, parentCode: p.parentCode };
    const changed = p.known
      ? (Object.keys(fields) as (keyof ImportedUnitFields)[]).filter(
          (field) => fields[field] !== p.known![field],
        )
      : [];
    const action: ImportAction =
      p.problems.length > 0 ? 'refused' : !p.known ? 'create' : changed.length > 0 ? 'update' : 'unchanged';
    return {
      row: p.row,
      code: p.code,
      action,
      fields,
      changed,
      headsAdded: [],
      workHead: null,
      problems: p.problems,
    };
  });
}

/**
 * The heads each unit's row names (its "Trưởng đơn vị" column: e-mails, several separated by commas),
 * on the directory and the people's sheet: each someone of the organisation, active, or someone the
 * same file adds; a head of another unit than their own included (the people's sheet makes a head
 * only of the unit on their own row). As everywhere in an import, nothing is taken away: a head the
 * cell leaves out keeps leading the unit. Someone who leads it already, or whose own row makes them
 * its head, is not added again; a row that adds a head to a unit otherwise unchanged is an update.
 *
 * Then the head its "Người nhận việc của đơn vị" column chooses to take the unit's work, as the
 * Units page chooses (docs/api.md "2. The directory"): one e-mail, of someone who
 * leads the unit once imported. An empty cell keeps the choice the directory has.
 */
export function planUnitHeads(
  plan: readonly PlannedUnitRow[],
  rows: SheetRows<UnitColumn>['rows'],
  people: readonly PlannedRow[],
  snapshot: DirectorySnapshot,
): PlannedUnitRow[] {
  const cellsOf = new Map(rows.map(({ row, cells }) => [row, cells]));
  return plan.map((planned) => {
    const cells = cellsOf.get(planned.row);
    // A row whose code is wrong is no unit to lead.
    if (!cells || planned.problems.some((problem) => problem.path.endsWith('.code'))) return planned;
    const problems = [...planned.problems];
    const problemAt =
      (column: 'heads' | 'workHead') => (code: ValidationProblem['code'], reason: ProblemReason) =>
        problems.push(validationProblem(`unitRows[${planned.row}].${column}`, code, reason));
    const leads = (held: readonly { role: string; unitCode: string | null }[] | undefined) =>
      held?.some((grant) => grant.role === 'unit-head' && grant.unitCode === planned.code) ?? false;

    const headsAdded: PlannedHead[] = [];
    for (const email of [...new Set(headEmailsIn(cells.heads))]) {
      const person = personNamed(email, people, snapshot, problemAt('heads'));
      if (!person || leads(person.known?.roles) || leads(person.listed?.rolesAdded)) continue;
      headsAdded.push(person.head);
    }

    let workHead: PlannedHead | null = null;
    const chosen = headEmailsIn(cells.workHead);
    if (chosen.length > 1)
      problemAt('workHead')('invalid-format', {
        vi: 'Ghi email của một người: người nhận việc của đơn vị là một trong các trưởng đơn vị.',
        en: "Write one person's e-mail: the head taking the unit's work is one of its heads.",
      });
    else if (chosen.length === 1 && !isEmail(chosen[0]))
      problemAt('workHead')('invalid-format', {
        vi: `"${chosen[0]}" không phải địa chỉ email: ghi email của trưởng đơn vị nhận việc của đơn vị.`,
        en: `"${chosen[0]}" is not an e-mail address: write the e-mail of the head taking the unit's work.`,
      });
    else if (chosen.length === 1) {
      const person = personNamed(chosen[0], people, snapshot, problemAt('workHead'));
      const willLead =
        person &&
        (leads(person.known?.roles) ||
          leads(person.listed?.rolesAdded) ||
          headsAdded.some((head) => head.email === person.head.email));
      if (person && !willLead)
        problemAt('workHead')('inconsistent', {
          vi: `${person.head.fullName} không phải trưởng đơn vị ${planned.code}: ghi email của người này ở cột Trưởng đơn vị của dòng này, hoặc chọn một trưởng đơn vị.`,
          en: `${person.head.fullName} is not a head of ${planned.code}: write their e-mail in this row's Unit heads column too, or choose one of its heads.`,
        });
      const known = snapshot.units.find((unit) => unit.code === planned.code);
      if (willLead && (person.head.userId === null || person.head.userId !== known?.workHeadUserId))
        workHead = person.head;
    }

    const action: ImportAction =
      problems.length > 0
        ? 'refused'
        : planned.action === 'unchanged' && (headsAdded.length > 0 || workHead !== null)
          ? 'update'
          : planned.action;
    return { ...planned, action, headsAdded, workHead, problems };
  });
}

/**
 * Who an e-mail in a unit's row is: someone of the organisation, active, or someone the people's
 * sheet adds; otherwise the cell is refused (`problem`) and nobody is.
 */
function personNamed(
  email: string,
  people: readonly PlannedRow[],
  snapshot: DirectorySnapshot,
  problem: (code: ValidationProblem['code'], reason: ProblemReason) => void,
): { head: PlannedHead; known: KnownUser | undefined; listed: PlannedRow | undefined } | null {
  if (!isEmail(email)) {
    problem('invalid-format', {
      vi: `"${email}" không phải địa chỉ email: ghi email của trưởng đơn vị, nhiều người cách nhau bởi dấu phẩy.`,
      en: `"${email}" is not an e-mail address: write the unit head's e-mail, several separated by commas.`,
    });
    return null;
  }
  const known = snapshot.usersByEmail.get(email);
  const listed = people.find((row) => row.email === email);
  if (known && known.organisationCode !== snapshot.organisationCode) {
    problem('unknown-reference', {
      vi: `${email} là tài khoản của một tổ chức khác.`,
      en: `${email} is another organisation's account.`,
    });
    return null;
  }
  if (known && !known.active) {
    problem('inconsistent', {
      vi: `${known.fullName} đã ngừng hoạt động: hãy kích hoạt lại trên trang của người này, hoặc bỏ email này.`,
      en: `${known.fullName} is deactivated: reactivate them on their page first, or leave this e-mail out.`,
    });
    return null;
  }
  if (!known && !listed) {
    problem('unknown-reference', {
      vi: `Không có ai với email ${email} trong danh bạ hay ở trang "Danh bạ" của tệp.`,
      en: `Nobody with the e-mail ${email} is in the directory or on the file's "Directory" sheet.`,
    });
    return null;
  }
  const head = {
    email,
    fullName: listed?.fields.fullName || known?.fullName || email,
    userId: known?.id ?? null,
  };
  return { head, known, listed };
}

/**
 * The e-mails a unit's heads cell names, lower-cased, as a person's row keys them: separated by
 * commas, semicolons or lines (a name written instead stays one entry, refused as no e-mail).
 */
export function headEmailsIn(cell: string): string[] {
  return cell
    .split(/[,;\n]+/)
    .map((email) => email.trim().toLowerCase())
    .filter((email) => email !== '');
}

/**
 * The directory's units as the import would leave them: the people's rows name their units from
 * these. A row refused for another reason than its code still names its unit, so that the people
 * who belong to it are not refused too.
 */
export function unitsAfterImport(plan: readonly PlannedUnitRow[], units: readonly KnownUnit[]): KnownUnit[] {
  return unitsWith(
    plan
      .filter((row) => !row.problems.some((problem) => problem.path.endsWith('.code')))
      .map((row) => ({ code: row.code, ...row.fields })),
    units,
  );
}

/**
 * The units once `imported` are written, then each renamed unit again under its former names: a
 * file exported, with a unit renamed on its units' sheet, still names that unit by its old name on
 * every person's row (a code is matched once, `unitsNamed`).
 */
function unitsWith(imported: readonly KnownUnit[], units: readonly KnownUnit[]): KnownUnit[] {
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  for (const unit of imported) byCode.set(unit.code, { ...unit });
  const formerNames = units.filter((unit) => {
    const now = byCode.get(unit.code);
    return now !== undefined && (now.nameVi !== unit.nameVi || now.nameEn !== unit.nameEn);
  });
  return [...byCode.values(), ...formerNames];
}

/** Whether `code` is `ancestor` or lies under it, following `parentOf` (which may itself loop). */
function liesUnder(code: string, ancestor: string, parentOf: ReadonlyMap<string, string | null>): boolean {
  const seen = new Set<string>();
  for (let at: string | null | undefined = code; at; at = parentOf.get(at)) {
    if (at === ancestor) return true;
    if (seen.has(at)) return false;
    seen.add(at);
  }
  return false;
}
