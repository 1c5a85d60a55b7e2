import {
  defaultCycleCalendar,
  draftFromPreviousYear,
  loadTemplate,
  type CycleCalendar,
  type CycleDraft,
  type IsoDate,
  type OrganisationUnit,
} from '@qcycle/domain';
import type { CycleRoster } from './roster.contract';
import {
  engineMeasuredIndicators,
  qualityCycleId,
  type StartQualityCycleInput,
} from './quality-cycle.contract';

/**
 * A roster with one placeholder person per role, user ids derived from the organisation and unit
 * codes (`kontum.leader`, `kontum.vp-tonghop.head`, `kontum.vp-tonghop.staff`). For starting a cycle
 * before the organisation's directory exists (and for tests); a real deployment passes its people.
 * The two auditors come from the first two units, the first is the lead.
 */
export function placeholderRoster(organisationCode: string, units: readonly OrganisationUnit[]): CycleRoster {
  const person = (id: string, name: string, unitCode?: string) => ({
    userId: `${organisationCode}.${id}`,
    name,
    unitCode,
  });
  return {
    leader: person('leader', 'Lãnh đạo UBND'),
    qualityRepresentative: person('qr', 'Chánh Văn phòng'),
    units: units.map((unit) => ({
      code: unit.code,
      name: { ...unit.name },
      head: person(`${unit.code}.head`, `Trưởng ${unit.name.vi}`, unit.code),
      staff: [person(`${unit.code}.staff`, `Chuyên viên ${unit.name.vi}`, unit.code)],
    })),
    auditors: units.slice(0, 2).map((unit, i) => ({
      ...person(`${unit.code}.auditor`, `Chuyên gia đánh giá ${i + 1}`, unit.code),
      lead: i === 0,
    })),
  };
}

export interface CycleStartOptions {
  organisationCode: string;
  year: number;
  startedBy: string;
  roster?: CycleRoster;
  /** Defaults to the Kon Tum 2024 template moved to `year`. */
  draft?: CycleDraft;
  calendar?: CycleCalendar;
  rehearsal?: boolean;
  /** With `rehearsal`: the calendar date it begins on (see StartQualityCycleInput). */
  rehearsalFrom?: IsoDate;
}

/** The start input of a year's cycle from a template, the default calendar and a roster. */
export function buildStartInput(options: CycleStartOptions): StartQualityCycleInput {
  const template = loadTemplate('kontum-2024');
  const base =
    options.draft ??
    (options.year === template.year ? template : draftFromPreviousYear(template, options.year));
  const draft: CycleDraft = {
    ...base,
    organisation: { ...base.organisation, code: options.organisationCode },
  };
  return {
    cycleId: qualityCycleId(options.organisationCode, options.year),
    organisationCode: options.organisationCode,
    year: options.year,
    startedBy: options.startedBy,
    draft,
    calendar: options.calendar ?? defaultCycleCalendar(options.year),
    roster: options.roster ?? placeholderRoster(options.organisationCode, draft.organisation.units),
    engineMeasured: engineMeasuredIndicators(draft),
    rehearsal: options.rehearsal,
    ...(options.rehearsal && options.rehearsalFrom ? { rehearsalFrom: options.rehearsalFrom } : {}),
  };
}
