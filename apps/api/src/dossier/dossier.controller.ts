import { Controller, Get, Logger, Param, Req, Res } from '@nestjs/common';
import { pipeline } from 'node:stream';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
// Renamed: as a bare `Response` the parameter metadata would name the fetch global.
import type { Request as HttpRequest, Response as HttpResponse } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { EVENT_LOG_READERS } from '../auth/event-log-readers';
import { ApiErrors } from '../common/error-responses';
import { contentDisposition } from '../evidence/evidence.service';
import { DossierService, type DossierLabel } from './dossier.service';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('api/v1/cycles/:cycleId')
export class DossierController {
  private readonly logger = new Logger(DossierController.name);

  constructor(private readonly dossiers: DossierService) {}

  @Get('dossier')
  @Roles(...EVENT_LOG_READERS)
  @ApiOperation({
    summary:
      "The year's dossier (hồ sơ) as one ZIP: every registered document version (PDF and DOCX as issued), every evidence file by record, the event log (CSV) and an index with each file's size and SHA-256",
    description:
      'Streamed as `application/zip`, `Content-Disposition: attachment; filename="HO-SO-ISO-2024-kontum.zip"`; the same records give the same bytes. ' +
      'A year still running gives a dossier marked not final: file name ending `-DU-THAO`, `x-dossier-status: draft`, and so in GHI-CHU.txt and MUC-LUC.json (`final: false`); ' +
      'a closed or cancelled year `x-dossier-status: final`. Drafts of the year-end reports are not registered documents and are not in it. ' +
      'An evidence file the store no longer has (or whose bytes changed) is listed in MUC-LUC.csv with a note and left out. ' +
      'A scan of the signed decision or minutes (as GET /cycles/{id}/decision and /review list them) is noted so in MUC-LUC.csv and has `signedCopyOf` in MUC-LUC.json. ' +
      'No x-content-sha256: the archive is written as it is sent; check each file against MUC-LUC.csv (docs/dossier.md). ' +
      'HEAD answers the same headers without building the archive. ' +
      `For ${EVENT_LOG_READERS.join(', ')} (those who read the event log).`,
  })
  // The ZIP alone is application/zip: the refusals stay JSON (ErrorView), as every other route's.
  @ApiOkResponse({
    description: 'The ZIP',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(401, 403, 404)
  async dossier(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Req() request: HttpRequest,
    @Res() response: HttpResponse,
  ): Promise<void> {
    // Express answers HEAD with the GET route: its headers alone, from the cycle's row, rather than
    // building the whole archive (and printing a closed year's documents) to send none of it.
    if (request.method === 'HEAD') {
      label(response, await this.dossiers.label(caller, cycleId));
      response.end();
      return;
    }
    const dossier = await this.dossiers.dossier(caller, cycleId);
    label(response, dossier);
    // Once the first bytes are sent the status is 200: a failure after that (a store that fails to
    // read, a file changed between its two reads) ends the connection without the archive's end,
    // so the client sees a failed download, never a ZIP that looks whole.
    pipeline(dossier.content, response, (error) => {
      if (error && !response.writableFinished)
        this.logger.error(`dossier ${cycleId} stopped: ${error.message}`, error.stack);
    });
  }
}

/** The headers a dossier is sent with, for GET and HEAD alike. */
function label(response: HttpResponse, dossier: DossierLabel): void {
  response.status(200);
  response.setHeader('content-type', 'application/zip');
  response.setHeader('content-disposition', contentDisposition(dossier.fileName));
  response.setHeader('x-dossier-status', dossier.final ? 'final' : 'draft');
  response.setHeader('cache-control', 'private, no-cache');
}
