import { ApiProperty } from '@nestjs/swagger';
import { EventSubjectView } from '../../cycles/dto/cycle-list.dto';
import { SIGNED_PAPER_TYPES } from '../../cycles/signed-papers';
import { EvidenceFileView } from './evidence.dto';

const SIGNED_PAPERS = Object.values(SIGNED_PAPER_TYPES);

/** One file of the year, with what the year's records make of it. */
export class YearEvidenceFileView extends EvidenceFileView {
  @ApiProperty({
    example: 'quality-cycle/kontum/2024/monitoring/obj-4/measure/2024-03',
    description:
      "The record it was uploaded to, as an event's `subject` gives it (its task, or its corrective action), named in `subjects`",
  })
  subject!: string;

  @ApiProperty({
    enum: SIGNED_PAPERS,
    nullable: true,
    example: null,
    description:
      'The paper it is a scan of, as the documents page lists them beside the documents and the dossier marks them: the decision (`objectives-decision`) or the review minutes (`review-minutes`) the leader signed. Null for every other file, and for a scan withdrawn or erased',
  })
  signedCopyOf!: (typeof SIGNED_PAPERS)[number] | null;

  @ApiProperty({
    example: true,
    description:
      "An answer, a correction or a finding in the cycle's event log names it as evidence (`evidence:<id>`). False for a file uploaded and not used: by mistake, replaced by another, or on a task not answered yet",
  })
  named!: boolean;
}

export class YearEvidenceFilesView {
  @ApiProperty({ type: [YearEvidenceFileView], description: 'Every file uploaded to the year, oldest first' })
  files!: YearEvidenceFileView[];

  @ApiProperty({
    type: [EventSubjectView],
    description: "The records the files were uploaded to (each file's `subject`), each once, named",
  })
  subjects!: EventSubjectView[];
}
