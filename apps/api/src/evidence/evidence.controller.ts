import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
// Renamed: as bare `Request`/`Response` the parameter metadata would name the fetch globals.
import type { Request as HttpRequest, Response as HttpResponse } from 'express';
import {
  CurrentUser,
  OpenableByTaskLinkForItsEvidence,
  OpenToEverySession,
  RequestId,
  Roles,
} from '../auth/auth.decorators';
import { EVENT_LOG_READERS } from '../auth/event-log-readers';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/error-responses';
import {
  EraseEvidenceContentDto,
  EvidenceAcceptedFilesView,
  EvidenceFileView,
  EvidenceListQuery,
  EvidenceUploadForm,
  WithdrawSignedCopyDto,
} from './dto/evidence.dto';
import { YearEvidenceFilesView } from './dto/year-evidence-files.view';
import { EVIDENCE_FILE_TYPES } from './evidence-file-type';
import { contentDisposition, EvidenceService } from './evidence.service';

@ApiTags('evidence files')
@ApiBearerAuth()
@Controller('api/v1')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post('cycles/:cycleId/evidence')
  @OpenableByTaskLinkForItsEvidence()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Upload an evidence file for a record of the cycle (measurement report, audit step, corrective action, review, review action, approval)',
    description:
      'multipart/form-data with recordType and recordKey first, then file. The type is checked in the content (magic bytes), ' +
      'the file is stored once by SHA-256, and `reference` (`evidence:<id>`) goes into a task answer’s evidence list. ' +
      'Who may: whoever acts on the record (assignee or delegate of its task, the step’s auditor, the action’s owner), ' +
      'the Quality Representative, and any auditor for audit steps and corrective actions; the clerk (văn thư) too for the approving round of the objectives or the review once held (the scan of the paper signed since, its signed copy); a session opened from a task link, for its task’s record only (403 TASK_LINK_SCOPE otherwise). A refused upload keeps nothing. ' +
      'Once the year is closed or cancelled, 409 CONFLICT for a finished record (its task no longer open, a corrective action closed): the year’s records are final; a record still open takes its evidence. ' +
      'The same file (content and name) sent again by the same person for the same record answers the file already there (same id, 201), so a retry never lists it twice.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: EvidenceUploadForm })
  @ApiCreatedResponse({ type: EvidenceFileView })
  @ApiErrors(401, 403, 404, 409, 413, 415, 422, 429)
  upload(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
    @RequestId() requestId: string,
  ): Promise<EvidenceFileView> {
    return this.evidence.upload(caller, cycleId, request, response, requestId);
  }

  @Post('cycles/:cycleId/evidence/:evidenceId/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw a scan added as the signed copy of the decision or the minutes: the wrong paper',
    description:
      'For a file uploaded to the approving round or the review held after it was answered (what GET /cycles/{id}/decision and /review list beside the document as signed). ' +
      'The file stays on its record and in the dossier, as every upload does; the decision and the review no longer list it, and the dossier’s index notes it withdrawn. ' +
      'An `evidence.withdrawn` event in the cycle’s log keeps who, when and `reason`. ' +
      'Who may: those who may add a signed copy to that record (the Quality Representative, the clerk (văn thư), whoever answered), while the year runs (409 once it is closed or cancelled). ' +
      '404: no such file in this cycle; 409 CONFLICT: not a signed copy (a file an answer names is part of that answer; a file of another record). ' +
      'Withdrawn already: 200 with the file as it is, nothing written again.',
  })
  @ApiOkResponse({ type: EvidenceFileView })
  @ApiErrors(400, 401, 403, 404, 409, 429)
  withdraw(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Param('evidenceId') evidenceId: string,
    @Body() body: WithdrawSignedCopyDto,
    @RequestId() requestId: string,
  ): Promise<EvidenceFileView> {
    return this.evidence.withdrawSignedCopy(caller, cycleId, evidenceId, body.reason, requestId);
  }

  @Post('cycles/:cycleId/evidence/:evidenceId/erase')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Erase a file’s content: a file that must not be kept (personal data uploaded by mistake)',
    description:
      'The Quality Representative only (403 for anyone else); any file of the cycle, whatever the year’s state, a closed year’s too. ' +
      'The file stays listed on its record with its name, size and SHA-256 and `erased` (who, when, `reason`); its download answers 410 EVIDENCE_FILE_GONE (`details.reason` `erased`) and the dossier lists it without its content. ' +
      'The bytes leave the store unless another file holds the same content (each upload of it is erased on its own). ' +
      'An `evidence.erased` event in the cycle’s log keeps who, when and `reason`. Cannot be undone. ' +
      '404: no such file in this cycle. Erased already: 200 with the file as it is, nothing written again.',
  })
  @ApiOkResponse({ type: EvidenceFileView })
  @ApiErrors(400, 401, 403, 404, 429)
  erase(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Param('evidenceId') evidenceId: string,
    @Body() body: EraseEvidenceContentDto,
    @RequestId() requestId: string,
  ): Promise<EvidenceFileView> {
    return this.evidence.erase(caller, cycleId, evidenceId, body.reason, requestId);
  }

  @Get('cycles/:cycleId/evidence')
  @OpenableByTaskLinkForItsEvidence()
  @ApiOperation({
    summary: 'The evidence files of one record of the cycle, oldest first',
    description:
      'A session opened from a task link lists its task’s record only (403 TASK_LINK_SCOPE otherwise).',
  })
  @ApiOkResponse({ type: [EvidenceFileView] })
  @ApiErrors(400, 401, 403, 404)
  list(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Query() query: EvidenceListQuery,
  ): Promise<EvidenceFileView[]> {
    return this.evidence.list(caller, cycleId, query);
  }

  @Get('cycles/:cycleId/evidence-files')
  @Roles(...EVENT_LOG_READERS)
  @ApiOperation({
    summary:
      "Every evidence file of the year, oldest first, with its record and what the year's records make of it",
    description:
      'Each file as `GET /cycles/{id}/evidence` gives it (withdrawn, erased), with its record (`subject`, named in `subjects`), ' +
      'whether it is the scan of a paper the leader signed (`signedCopyOf`) and whether any answer names it (`named`), as the dossier’s index notes them (docs/dossier.md). ' +
      'A year holds hundreds of files, not millions: the list is whole, not paged. ' +
      `For ${EVENT_LOG_READERS.join(', ')} (those who read the event log, which says what names a file).`,
  })
  @ApiOkResponse({ type: YearEvidenceFilesView })
  @ApiErrors(401, 403, 404)
  yearFiles(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
  ): Promise<YearEvidenceFilesView> {
    return this.evidence.yearFiles(caller, cycleId);
  }

  // Before `evidence/:id`, which would take `accepted-files` for an id.
  @Get('evidence/accepted-files')
  @OpenToEverySession()
  @ApiOperation({
    summary:
      'What this server accepts as an evidence file: its kinds, and the largest size (EVIDENCE_MAX_BYTES)',
    description:
      'For a client to refuse a file before sending it (a 20 MB scan on a slow link takes minutes to be refused with 413). ' +
      'The server still judges each file by its content. Open to every signed-in session, a task link’s included.',
  })
  @ApiOkResponse({ type: EvidenceAcceptedFilesView })
  @ApiErrors(401)
  acceptedFiles(): EvidenceAcceptedFilesView {
    return this.evidence.acceptedFiles();
  }

  @Get('evidence/:id')
  @OpenableByTaskLinkForItsEvidence()
  @ApiOperation({
    summary:
      'Download an evidence file (attachment, under its original name), for anyone in the organisation',
    description:
      'A session opened from a task link downloads the files of its task’s record only (403 TASK_LINK_SCOPE otherwise). ' +
      '410 EVIDENCE_FILE_GONE when the file is on record but the server’s store no longer has it (the database restored without the evidence folder), or its content was erased (`details.reason` `erased`, `details.erased`: who, when, why): details.id and details.sha256 say which.',
  })
  @ApiProduces(...Object.values(EVIDENCE_FILE_TYPES).map((t) => t.contentType))
  @ApiOkResponse({ description: 'The file; x-content-sha256 and ETag carry its SHA-256' })
  @ApiErrors(401, 403, 404, 410)
  async download(
    @CurrentUser() caller: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<StreamableFile> {
    const { file, content } = await this.evidence.download(caller, id);
    response.setHeader('x-content-sha256', file.sha256);
    response.setHeader('etag', `"${file.sha256}"`);
    response.setHeader('cache-control', 'private, no-cache');
    return new StreamableFile(content, {
      type: file.contentType,
      length: file.size,
      disposition: contentDisposition(file.fileName),
    });
  }
}
