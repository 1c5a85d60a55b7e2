import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { USER_ROLES, type UserRole } from '@qcycle/persistence';

export class UserImportQuery {
  @ApiPropertyOptional({
    example: true,
    type: Boolean,
    description:
      'true: only say what the import would do, row by row, writing nothing (the page shows this before the administrator confirms)',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

export class UserImportTemplateQuery {
  @ApiPropertyOptional({
    enum: ['vi', 'en'],
    example: 'vi',
    description: 'The headings and notes in Vietnamese (default) or English',
  })
  @IsOptional()
  @IsIn(['vi', 'en'], { message: 'language must be vi or en' })
  language?: 'vi' | 'en';
}

export class UserImportProblemView {
  @ApiProperty({ example: 'rows[5].unit', description: 'rows[<the sheet’s row number>].<column>' })
  path!: string;

  @ApiProperty({ example: 'unknown-reference' })
  code!: string;

  @ApiProperty({
    example: 'Không có đơn vị "Phòng Thanh tra" trong danh bạ: ghi mã hoặc tên đơn vị như ở trang Đơn vị.',
  })
  reason!: string;
}

export class UserImportRoleView {
  @ApiProperty({ enum: USER_ROLES, example: 'unit-head' })
  role!: UserRole;

  @ApiProperty({
    example: 'vp-tonghop',
    nullable: true,
    type: String,
    description: 'The unit a unit head leads; null for every other role',
  })
  unitCode!: string | null;
}

export class UserImportRowView {
  @ApiProperty({ example: 5, description: 'The row’s number in the sheet (the heading row is usually 1)' })
  row!: number;

  @ApiProperty({ example: 'lan.pt@kontum.gov.vn', description: 'Lower-cased, as the directory keeps it' })
  email!: string;

  @ApiProperty({
    enum: ['create', 'update', 'unchanged', 'refused'],
    example: 'create',
    description:
      'create: a new person; update: someone already in the directory, changed; unchanged; refused: see problems (nothing is imported while any row is refused)',
  })
  action!: 'create' | 'update' | 'unchanged' | 'refused';

  @ApiProperty({ example: 'Phạm Thị Lan' })
  fullName!: string;

  @ApiProperty({ example: 'Chuyên viên', nullable: true, type: String })
  title!: string | null;

  @ApiProperty({ example: 'vp-tonghop', nullable: true, type: String })
  unitCode!: string | null;

  @ApiProperty({ enum: ['vi', 'en'], example: 'vi' })
  locale!: 'vi' | 'en';

  @ApiProperty({
    type: [String],
    example: ['title', 'unitCode'],
    description: 'For an update: the fields that change (fullName, title, unitCode, locale)',
  })
  changed!: string[];

  @ApiProperty({
    type: [UserImportRoleView],
    description: 'The roles given (not held yet); none is taken away',
  })
  rolesAdded!: UserImportRoleView[];

  @ApiProperty({
    example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    nullable: true,
    type: String,
    description:
      'The person in the directory: already there, or added by this import; null in a check of a new person',
  })
  userId!: string | null;

  @ApiProperty({ type: [UserImportProblemView] })
  problems!: UserImportProblemView[];
}

export class UserImportCountsView {
  @ApiProperty({ example: 12 })
  create!: number;

  @ApiProperty({ example: 3 })
  update!: number;

  @ApiProperty({ example: 40 })
  unchanged!: number;

  @ApiProperty({ example: 0 })
  refused!: number;
}

export class UnitImportNameView {
  @ApiProperty({ example: 'Phòng Kiểm soát thủ tục hành chính' })
  vi!: string;

  @ApiProperty({ example: 'Administrative Procedures Control Division' })
  en!: string;
}

export class UnitImportHeadView {
  @ApiProperty({ example: 'pho.chanh@kontum.gov.vn' })
  email!: string;

  @ApiProperty({ example: 'Lê Văn Hùng', description: 'As the directory or the people’s sheet names them' })
  fullName!: string;
}

export class UnitImportRowView {
  @ApiProperty({ example: 4, description: 'The row’s number on the units’ sheet' })
  row!: number;

  @ApiProperty({ example: 'vp-ksthc', description: 'Lower-cased, as the directory keeps it' })
  code!: string;

  @ApiProperty({
    enum: ['create', 'update', 'unchanged', 'refused'],
    example: 'create',
    description:
      'create: a new unit; update: a unit already in the directory (same code), renamed or moved; unchanged; refused: see problems (nothing is imported while any row is refused)',
  })
  action!: 'create' | 'update' | 'unchanged' | 'refused';

  @ApiProperty({
    type: UnitImportNameView,
    description: 'The unit’s name once imported; a new unit without an English name takes the Vietnamese one',
  })
  name!: UnitImportNameView;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'The unit it belongs to; an empty cell keeps the unit where it is',
  })
  parentCode!: string | null;

  @ApiProperty({
    type: [String],
    example: ['name'],
    description: 'For an update: what changes (name, parentCode, heads, workHead)',
  })
  changed!: string[];

  @ApiProperty({
    type: () => [UnitImportHeadView],
    description:
      'Those the row’s "Trưởng đơn vị" column names who do not lead the unit yet (nor are made its head by their own row): the import makes them its heads. Nobody stops leading a unit the column leaves them out of.',
  })
  headsAdded!: UnitImportHeadView[];

  @ApiProperty({
    type: () => UnitImportHeadView,
    nullable: true,
    description:
      'The head the row’s "Người nhận việc của đơn vị" column chooses to take the unit’s work (one of its heads once imported), when that changes who was chosen; null otherwise. An empty cell keeps the choice.',
  })
  workHead!: UnitImportHeadView | null;

  @ApiProperty({
    type: [UserImportProblemView],
    description: 'Each named unitRows[<row>].<column> (code, nameVi, nameEn, parent, heads, workHead)',
  })
  problems!: UserImportProblemView[];
}

export class UnitImportView {
  @ApiProperty({
    example: 'Đơn vị',
    nullable: true,
    type: String,
    description: 'The units’ sheet read; null for a CSV of units',
  })
  sheet!: string | null;

  @ApiProperty({ type: [String], example: [], description: 'Headings of columns that were not read' })
  ignoredColumns!: string[];

  @ApiProperty({ type: UserImportCountsView })
  counts!: UserImportCountsView;

  @ApiProperty({ type: [UnitImportRowView] })
  rows!: UnitImportRowView[];
}

export class UserImportView {
  @ApiProperty({ example: false, description: 'true: a check, nothing was written' })
  dryRun!: boolean;

  @ApiProperty({
    example: 'Danh bạ',
    nullable: true,
    type: String,
    description:
      'The people’s worksheet (an .xlsx: the first with the Họ và tên and Email headings); null for a CSV or a file of units only',
  })
  sheet!: string | null;

  @ApiProperty({
    type: [String],
    example: ['Số điện thoại'],
    description: 'Headings of columns that were not read',
  })
  ignoredColumns!: string[];

  @ApiProperty({ type: UserImportCountsView })
  counts!: UserImportCountsView;

  @ApiProperty({ type: [UserImportRowView] })
  rows!: UserImportRowView[];

  @ApiProperty({
    type: UnitImportView,
    nullable: true,
    description:
      'The units’ sheet of an .xlsx, or a CSV of units (headings Mã đơn vị and Tên đơn vị), imported before the people, who may name its units; null when the file has none',
  })
  units!: UnitImportView | null;
}
