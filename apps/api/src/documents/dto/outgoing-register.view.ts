import { ApiProperty } from '@nestjs/swagger';

export class OutgoingRegisterEntryView {
  @ApiProperty({ example: 'kontum-2024.objectives-report.v1', description: 'The register version' })
  documentId!: string;

  @ApiProperty({
    example: '16/BC-UBND',
    nullable: true,
    type: String,
    description: '(1) From its issue (a decision), or as given on sending; null until that is recorded',
  })
  number!: string | null;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'The symbol the number given on sending will end with (`/BC-UBND`), while none is recorded',
  })
  awaitedSymbol!: string | null;

  @ApiProperty({ example: '2024-12-20', description: '(2) The document’s date' })
  date!: string;

  @ApiProperty({
    example: 'Báo cáo kết quả thực hiện Mục tiêu chất lượng năm 2024',
    description: '(3) Its type and summary',
  })
  typeAndSummary!: string;

  @ApiProperty({ example: 'Nguyễn Hữu Tháp', description: '(4) Who signs it; empty when written by hand' })
  signer!: string;

  @ApiProperty({ example: ['Sở Khoa học và Công nghệ'], type: [String], description: '(5) Where it is sent' })
  recipients!: string[];

  @ApiProperty({ example: 'VT, ISO', description: '(6) Who keeps the file copies' })
  filedWith!: string;

  @ApiProperty({
    example: '2024-12-23',
    nullable: true,
    type: String,
    description: '(8) The day it was sent, as recorded; null until then',
  })
  dispatchedOn!: string | null;

  @ApiProperty({ example: '', description: '(10) A later version ("Sửa đổi lần 1"), a rehearsal’s copy' })
  note!: string;
}

export class OutgoingRegisterView {
  @ApiProperty({ example: 'kontum-2024' })
  cycleId!: string;

  @ApiProperty({ example: 'Ủy ban nhân dân tỉnh Kon Tum' })
  organisation!: string;

  @ApiProperty({ example: 2024 })
  year!: number;

  @ApiProperty({ example: '2024-12-23', description: 'The day of its last entry: the workbook’s own date' })
  asOf!: string;

  @ApiProperty({ type: [OutgoingRegisterEntryView] })
  entries!: OutgoingRegisterEntryView[];
}
