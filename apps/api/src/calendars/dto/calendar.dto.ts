import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { NestedList } from '../../common/nested-list';
import { LocalizedTextView } from '../../cycles/dto/cycle-objectives.view';
import { DateWindowDto } from '../../cycles/dto/move-cycle-dates.dto';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/**
 * The widest any working-day allowance may be written; the calendar's rules (422) are narrower.
 * A bound here keeps a typo of 10⁹ days from ever reaching a cycle's schedule.
 */
const MAX_WORKING_DAYS = 60;
/** The highest version number the API reads (`?version=`, `ifCurrentVersion`). */
const MAX_CALENDAR_VERSION = 1_000_000;

export class MonitoringSettingsDto {
  @ApiProperty({
    example: 5,
    description: 'A period report is due this many working days after the period ends',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_WORKING_DAYS)
  dueWorkingDaysAfterPeriodEnd!: number;

  @ApiProperty({
    example: '17:00',
    description: 'Close of the office day: reports and tasks are due at this time',
  })
  @Matches(LOCAL_TIME, { message: 'dueTime must be a time HH:mm' })
  dueTime!: string;

  @ApiPropertyOptional({
    example: 15,
    description:
      'The report cut-off day (Decree 09/2019: periods end on this day of the month, 1–28); unset: calendar months',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(31)
  periodCutOffDay?: number;
}

export class EscalationSettingsDto {
  @ApiProperty({
    example: 2,
    description: 'An overdue report goes to the unit head on this working day after the due day',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_WORKING_DAYS)
  unitHead!: number;

  @ApiProperty({
    example: 5,
    description: '…and to the Quality Representative on this one (after the unit head)',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_WORKING_DAYS)
  qualityRepresentative!: number;
}

export class StartOfYearSettingsDto {
  @ApiPropertyOptional({
    example: 5,
    description: "Working days for the leader's approval of the objectives",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_WORKING_DAYS)
  approvalWorkingDays?: number;

  @ApiPropertyOptional({
    example: 3,
    description: "Working days for the Quality Representative's acceptance and delegation",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_WORKING_DAYS)
  assignmentAcceptanceWorkingDays?: number;

  @ApiPropertyOptional({ example: 3, description: "Working days for each unit head's acceptance" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_WORKING_DAYS)
  unitAcceptanceWorkingDays?: number;

  @ApiPropertyOptional({ example: 1, description: 'Reminder this many working days before the due day' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_WORKING_DAYS)
  reminderBeforeDueDays?: number;

  @ApiPropertyOptional({ example: 1, description: 'Escalation on this working day after the due day' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_WORKING_DAYS)
  escalationAfterDueDays?: number;
}

export class NamedDayDto {
  @ApiProperty({
    example: '2027-09-14',
    description: 'The day, YYYY-MM-DD (Vietnam time), in the calendar year',
  })
  @Matches(ISO_DATE, { message: 'date must be a date YYYY-MM-DD' })
  date!: string;

  @ApiProperty({
    example: 'Ngày thành lập tỉnh',
    description: 'What the day is (or, removed, why it is not a day off)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;
}

/** Every setting of the year's calendar (libs/domain OrganisationCalendarSettings). */
export class CalendarSettingsDto {
  @ApiProperty({ type: MonitoringSettingsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MonitoringSettingsDto)
  monitoring!: MonitoringSettingsDto;

  @ApiProperty({
    example: 2,
    description: 'A report owner is reminded this many working days before the due day',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_WORKING_DAYS)
  reminderBeforeDueDays!: number;

  @ApiProperty({ type: EscalationSettingsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => EscalationSettingsDto)
  escalationAfterDueDays!: EscalationSettingsDto;

  @ApiProperty({
    example: '08:00',
    description: 'Start of the office day: reminders and escalations go out at this time',
  })
  @Matches(LOCAL_TIME, { message: 'notificationTime must be a time HH:mm' })
  notificationTime!: string;

  @ApiProperty({ type: DateWindowDto, description: 'The internal audit window (ISO 9.2), inclusive' })
  @IsObject()
  @ValidateNested()
  @Type(() => DateWindowDto)
  auditWindow!: DateWindowDto;

  @ApiProperty({ example: '2027-12-15', description: 'The management review date, after the audit window' })
  @Matches(ISO_DATE, { message: 'managementReviewDate must be a date YYYY-MM-DD' })
  managementReviewDate!: string;

  @ApiProperty({
    example: '2028-01-21',
    description: "The cycle closes (the year's results) on this day, after the last report is due",
  })
  @Matches(ISO_DATE, { message: 'closeDate must be a date YYYY-MM-DD' })
  closeDate!: string;

  @ApiPropertyOptional({
    type: StartOfYearSettingsDto,
    description: 'Allowances of the steps that open the year; unset fields take the defaults',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StartOfYearSettingsDto)
  startOfYear?: StartOfYearSettingsDto;

  @ApiProperty({
    type: [NamedDayDto],
    description: "Days off the organisation adds to the year's official holidays",
  })
  @ArrayMaxSize(100)
  @NestedList(() => NamedDayDto)
  addedHolidays!: NamedDayDto[];

  @ApiProperty({
    type: [NamedDayDto],
    description: 'Official holidays of the year the organisation does not keep off (name: why)',
  })
  @ArrayMaxSize(100)
  @NestedList(() => NamedDayDto)
  removedHolidays!: NamedDayDto[];
}

export class SaveCalendarDto extends CalendarSettingsDto {
  @ApiPropertyOptional({ example: 'Thêm ngày thành lập tỉnh', description: 'Why it changed, for the record' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({
    example: 2,
    description:
      'The version in force (currentVersion; 0 for none) when this calendar was read to be edited: if another version has been saved since, the save is refused with 409 instead of replacing it unseen',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CALENDAR_VERSION)
  ifCurrentVersion?: number;
}

export class CalendarQuery {
  @ApiPropertyOptional({
    type: 'integer',
    example: 1,
    description: 'An earlier saved version; unset: the one in force',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_CALENDAR_VERSION)
  version?: number;
}

export class CalendarVersionView {
  @ApiProperty({ example: 2, description: '1, 2, … per save; 0 is the default calendar, never saved' })
  version!: number;

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b', nullable: true, type: String })
  savedBy!: string | null;

  @ApiProperty({ example: '2026-11-30T02:15:00.000Z', nullable: true, type: String })
  savedAt!: string | null;

  @ApiProperty({ example: 'Thêm ngày thành lập tỉnh', nullable: true, type: String })
  reason!: string | null;
}

/** An official day off by name (libs/domain `OfficialHoliday`). */
export class OfficialHolidayView {
  @ApiProperty({ example: '2027-02-06', description: 'The day, YYYY-MM-DD (Vietnam time)' })
  date!: string;

  @ApiProperty({
    type: LocalizedTextView,
    example: {
      vi: 'Tết Nguyên đán (mùng 1 tháng Giêng)',
      en: 'Lunar New Year (Tết), 1st of the 1st lunar month',
    },
    description:
      "What the law or the Government's notice calls the day: the holiday, or the day off in lieu of one on a weekend (nghỉ bù), or a working day swapped into the holiday (hoán đổi)",
  })
  name!: LocalizedTextView;
}

/** Every start-of-year allowance, in working days (libs/domain `StartOfYearDeadlines`). */
export class StartOfYearAllowancesView {
  @ApiProperty({ example: 5, description: "The leader's approval of the objectives" })
  approvalWorkingDays!: number;

  @ApiProperty({ example: 3, description: "The Quality Representative's acceptance and delegation" })
  assignmentAcceptanceWorkingDays!: number;

  @ApiProperty({ example: 3, description: "Each unit head's acceptance" })
  unitAcceptanceWorkingDays!: number;

  @ApiProperty({ example: 1, description: 'The reminder, this many working days before the due day' })
  reminderBeforeDueDays!: number;

  @ApiProperty({ example: 1, description: 'The escalation, on this working day after the due day' })
  escalationAfterDueDays!: number;
}

export class CalendarView extends CalendarVersionView {
  @ApiProperty({ example: 'kontum' })
  organisationCode!: string;

  @ApiProperty({ example: 2027 })
  year!: number;

  @ApiProperty({
    example: 3,
    description: 'The version in force (what a cycle started now gets); 0 when none was saved',
  })
  currentVersion!: number;

  @ApiProperty({ type: CalendarSettingsDto })
  settings!: CalendarSettingsDto;

  @ApiProperty({
    type: [String],
    example: ['2027-01-01', '2027-02-05'],
    description:
      "The days off a cycle of the year counts: the official holidays of the year and the next, with the year's changes",
  })
  publicHolidays!: string[];

  @ApiProperty({
    type: [Number],
    example: [2028],
    description:
      "The year or the next whose official list qcycle does not hold: only their fixed-date holidays and the law's weekday off for one on a weekend count; add Tết, the Hùng Kings' day and the National Day's second day as the Government announces them",
  })
  yearsWithoutOfficialList!: number[];

  @ApiProperty({
    type: [OfficialHolidayView],
    description:
      'The official holidays of the year and the next, each by name, in date order, the ones the organisation removed included (settings.removedHolidays says which); a day of publicHolidays not here is one the organisation added (settings.addedHolidays names it)',
  })
  officialHolidays!: OfficialHolidayView[];

  @ApiProperty({
    type: StartOfYearAllowancesView,
    description:
      "The start-of-year allowances a cycle of the year started with this version runs on: each one settings.startOfYear sets, else qcycle's default",
  })
  startOfYearInEffect!: StartOfYearAllowancesView;

  @ApiProperty({
    type: StartOfYearAllowancesView,
    description: "qcycle's default allowances, which a field left out of settings.startOfYear takes",
  })
  startOfYearDefaults!: StartOfYearAllowancesView;
}

export class CalendarVersionList {
  @ApiProperty({
    type: [CalendarVersionView],
    description: 'Newest first; empty when the default was never changed',
  })
  items!: CalendarVersionView[];
}
