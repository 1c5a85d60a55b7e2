import { Controller, Get, Param, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
// Renamed: as bare `Request`/`Response` the parameter metadata would name the fetch globals.
import type { Request as HttpRequest, Response as HttpResponse } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiNegotiatedDocument, documentAnswer, negotiatedFormat } from './document-negotiation';
import { NEGOTIATED } from './documents.controller';
import { NonconformityView } from './dto/nonconformity.view';
import { NonconformityReportsService } from './nonconformity-reports.service';

/**
 * Each nonconformity of the cycle by its id, as `GET /cycles/{id}/nonconformities` lists it, and its
 * form (ISO 10.2): one form whatever the source, as the certification body's auditor expects.
 * Beside the list (cycles module), which it reads like: everyone of the organisation.
 */
@ApiTags('cycle records')
@ApiBearerAuth()
@Controller('api/v1/cycles/:cycleId/nonconformities')
export class NonconformityReportsController {
  constructor(private readonly nonconformities: NonconformityReportsService) {}

  @Get(':nonconformityId')
  @ApiOperation({
    summary:
      'One nonconformity of the cycle, whatever its source, and its corrective action (ISO 10.2): where it comes from, finding and grade, correction, cause, action, owner, due date, verification, status',
    description: `${NEGOTIATED} The document is the nonconformity and corrective-action form (Phiếu báo cáo sự không phù hợp và hành động khắc phục): for an internal-audit finding the same form as \`/audit/steps/{stepId}/nonconformity\`, signed by the auditor; for the other sources the source (a missed objective's objective and period, last year's action a carried one continues) and who raised it, signed by the verifier the record names. 404 for an id that is not a nonconformity of this cycle.`,
  })
  @ApiParam({
    name: 'nonconformityId',
    description: 'The id the nonconformity list gives, URL-encoded (it contains slashes)',
    example: 'quality-cycle%2Fkontum%2F2024%2Fnonconformity%2F1',
  })
  @ApiNegotiatedDocument(NonconformityView, 'The record (application/json), or the form (PDF, DOCX)')
  async nonconformity(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Param('nonconformityId') nonconformityId: string,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<NonconformityView | StreamableFile> {
    const format = negotiatedFormat(request, response);
    const nonconformity = await this.nonconformities.nonconformityById(caller, cycleId, nonconformityId);
    if (format === 'json') return nonconformity;
    return documentAnswer(
      response,
      await this.nonconformities.nonconformityFile(caller, cycleId, nonconformity, format),
    );
  }
}
