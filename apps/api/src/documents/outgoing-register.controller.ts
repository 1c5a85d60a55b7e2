import { Controller, Get, Param, Req, Res, StreamableFile } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
// Renamed: as bare `Request`/`Response` the parameter metadata would name the fetch globals.
import type { Request as HttpRequest, Response as HttpResponse } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/error-responses';
import { XLSX_TYPE } from './document-negotiation';
import { OutgoingRegisterView } from './dto/outgoing-register.view';
import { outgoingRegisterXlsx } from './outgoing-register';
import { OutgoingRegisterService } from './outgoing-register.service';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('api/v1/cycles/:cycleId')
export class OutgoingRegisterController {
  constructor(private readonly register: OutgoingRegisterService) {}

  @Get('outgoing-register')
  @ApiOperation({
    summary:
      "The year's documents as the book of outgoing documents lists them (Sổ đăng ký văn bản đi, Decree 30/2020/NĐ-CP Appendix IV), for the văn thư to check against the office's book",
    description:
      'Every registered version but the plan (issued with its decision) and the nonconformity forms (records), by date: ' +
      "the decree's columns (1) to (10), those qcycle knows filled: the number from its issue or as given on sending, " +
      'the date, type and summary, signer, recipients, who keeps the file copies, the day sent, a note. JSON by default; ' +
      `with \`Accept: ${XLSX_TYPE}\` the extract as a workbook in the book's form (A4 landscape), the copies and the ` +
      "receiver's signature left blank for the văn thư. 404 for another organisation's cycle or none.",
  })
  @ApiProduces('application/json', XLSX_TYPE)
  @ApiOkResponse({
    type: OutgoingRegisterView,
    description: 'The extract (application/json), or its workbook',
  })
  @ApiErrors(401, 403, 404)
  async book(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<OutgoingRegisterView | StreamableFile> {
    response.vary('Accept');
    const book = await this.register.book(caller, cycleId);
    if (request.accepts(['application/json', XLSX_TYPE]) !== XLSX_TYPE) return book;
    const bytes = await outgoingRegisterXlsx(book, book.entries);
    // A listing of the register, not a document of it: no register id, version or draft status.
    const fileName = `SO-VAN-BAN-DI-${cycleId}.xlsx`;
    response.setHeader('x-content-sha256', createHash('sha256').update(bytes).digest('hex'));
    response.setHeader('cache-control', 'private, no-cache');
    return new StreamableFile(bytes, {
      type: XLSX_TYPE,
      length: bytes.length,
      disposition: `attachment; filename="${fileName}"`,
    });
  }
}
