import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
// Renamed: as bare `Request`/`Response` the parameter metadata would name the fetch globals.
import type { Request as HttpRequest, Response as HttpResponse } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/error-responses';
import { CycleOfficialDocumentsService } from './cycle-official-documents.service';
import {
  ApiNegotiatedDocument,
  documentAnswer,
  DOCX_TYPE,
  negotiatedFormat,
  PDF_TYPE,
} from './document-negotiation';
import { DocumentRegisterService, registeredFile, registerEntry } from './document-register.service';
import { DocumentListQuery, DocumentVersionPage, DocumentVersionView, PlanView } from './dto/documents.view';

/** What the negotiated routes say about their formats, in the OpenAPI document. */
export const NEGOTIATED =
  'JSON by default (also for `*/*` and for an Accept naming none of the formats). ' +
  `With \`Accept: ${PDF_TYPE}\` the PDF, with \`Accept: ${DOCX_TYPE}\` the DOCX, laid out per Decree 30/2020/NĐ-CP, ` +
  'downloaded as `Content-Disposition: attachment` with a Vietnamese-safe name (`QD-123-UBND-2024.pdf`); ' +
  'the register id, version and SHA-256 are in `x-document-id`, `x-document-version`, `x-content-sha256`.';

/** What the two year-end reports' GET answers say of a draft, in the OpenAPI document. */
export const BEFORE_THE_CLOSE =
  'Until the cycle is closed the PDF and DOCX are registered only when issued (`POST …/issue`): a download answers the ' +
  'version issued while the records still say exactly what it says (`x-document-status: issued`), else a **draft** ' +
  '(`x-document-status: draft`, file name ending `-DU-THAO`, "DỰ THẢO - SỐ LIỆU TÍNH ĐẾN NGÀY …" on every page, no ' +
  '`x-document-id`/`x-document-version`, the version last issued in `x-document-issued-version`). Once closed, the ' +
  'records are final and the first download registers the version, as for every document.';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('api/v1/cycles/:cycleId')
export class CyclePlanController {
  constructor(private readonly official: CycleOfficialDocumentsService) {}

  @Get('plan')
  @ApiOperation({
    summary:
      "The objectives' implementation plan (ISO 6.2.2: what, resources, who, when, how evaluated), attached to the decision",
    description: `${NEGOTIATED} Available once the objectives are approved (404 before).`,
  })
  @ApiNegotiatedDocument(PlanView, 'The plan (application/json), or the document (PDF, DOCX)')
  async plan(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<PlanView | StreamableFile> {
    const format = negotiatedFormat(request, response);
    if (format === 'json') return this.official.plan(caller, cycleId);
    return documentAnswer(response, await this.official.planFile(caller, cycleId, format));
  }
}

@ApiTags('documents')
@ApiBearerAuth()
@Controller('api/v1/documents')
export class DocumentsController {
  constructor(
    private readonly register: DocumentRegisterService,
    private readonly official: CycleOfficialDocumentsService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The register of generated documents (ISO 7.5.3): every version, with its hashes, filtered by cycle, type and year, or to those awaiting their number on sending',
  })
  @ApiOkResponse({ type: DocumentVersionPage })
  @ApiErrors(400, 401, 403)
  async list(
    @CurrentUser() caller: Principal,
    @Query() query: DocumentListQuery,
  ): Promise<DocumentVersionPage> {
    // An approved decision is in the register even if nobody has downloaded it yet.
    await this.official.registerApprovedDecisions(caller, query);
    return this.register.list(caller.organisationCode, query);
  }

  @Get(':documentId')
  @ApiOperation({
    summary: 'One registered version: its register entry, or its PDF or DOCX exactly as issued',
    description: NEGOTIATED,
  })
  @ApiNegotiatedDocument(DocumentVersionView, 'The entry (application/json), or the file (PDF, DOCX)')
  async get(
    @CurrentUser() caller: Principal,
    @Param('documentId') documentId: string,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<DocumentVersionView | StreamableFile> {
    const format = negotiatedFormat(request, response);
    const row = await this.register.get(caller.organisationCode, documentId);
    if (format !== 'json') return documentAnswer(response, registeredFile(row, format));
    return registerEntry(row);
  }
}
