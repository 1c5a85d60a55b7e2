import { ApiProperty } from '@nestjs/swagger';
import { LocalizedNameView } from '../../directory/dto/directory.dto';

export class RosterPersonView {
  @ApiProperty({ example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b' })
  userId!: string;

  @ApiProperty({ example: 'Võ Đình Nam' })
  name!: string;

  @ApiProperty({ example: 'Trưởng phòng Tổng hợp', nullable: true, type: String })
  title!: string | null;
}

export class RosterUnitView {
  @ApiProperty({ example: 'vp-tonghop' })
  code!: string;

  @ApiProperty({ type: LocalizedNameView })
  name!: LocalizedNameView;

  @ApiProperty({
    type: RosterPersonView,
    nullable: true,
    description:
      "Who takes the unit's work (accepts its objectives, answers for its reports): the head chosen for it, else the first of its heads by name; the Quality Representative for a unit without a head (standsIn). null only when there is no Quality Representative either",
  })
  head!: RosterPersonView | null;

  @ApiProperty({
    example: false,
    description: 'The unit has no head: the Quality Representative takes its work',
  })
  standsIn!: boolean;

  @ApiProperty({
    example: false,
    description:
      'The administrator chose head for the unit (the Units page, or the import’s units sheet); false: it is the first of its heads by name',
  })
  chosen!: boolean;

  @ApiProperty({
    type: [RosterPersonView],
    description:
      'The unit’s other active heads, by name: they lead it too, but a year started now gives its work to head',
  })
  otherHeads!: RosterPersonView[];

  @ApiProperty({ type: [RosterPersonView], description: "The unit's active staff, by name" })
  staff!: RosterPersonView[];
}

export class RosterView {
  @ApiProperty({
    type: [RosterPersonView],
    description: 'The active leaders, by name: one of them signs and approves (chosen when the year starts)',
  })
  leaders!: RosterPersonView[];

  @ApiProperty({
    type: RosterPersonView,
    nullable: true,
    description: 'You, when you hold the role; else its only holder',
  })
  qualityRepresentative!: RosterPersonView | null;

  @ApiProperty({ type: [RosterUnitView], description: 'Every unit of the directory, by code' })
  units!: RosterUnitView[];

  @ApiProperty({ type: RosterPersonView, nullable: true })
  leadAuditor!: RosterPersonView | null;

  @ApiProperty({
    type: [RosterPersonView],
    description: 'The internal auditors, the lead auditor among them, by name',
  })
  auditors!: RosterPersonView[];

  @ApiProperty({
    type: [String],
    example: [],
    description:
      'The roles a year started now would be refused for lacking (422 ROSTER_INCOMPLETE names the same)',
  })
  missing!: string[];
}
