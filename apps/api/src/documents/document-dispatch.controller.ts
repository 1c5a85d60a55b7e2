import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Attributed, CurrentUser, Roles, type Attribution } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/error-responses';
import { DocumentDispatchService } from './document-dispatch.service';
import { RecordDispatchDto } from './dto/document-dispatch.dto';
import { DocumentVersionView } from './dto/documents.view';

const DISPATCH =
  'For a version printed with a blank `Số:         /BC-UBND` line (the audit plan, the audit report, the objectives ' +
  'report, the yearly QMS report, the review minutes, the announcement of conformity): the number the clerical office ' +
  'wrote on the signed paper when it sent it, and the day, so that the register matches the book of outgoing ' +
  'documents. The stored PDF and DOCX do not change. Recorded in the cycle’s event log as `document.dispatched`. ' +
  'The same values again, or the same request sent again with its x-request-id, change nothing (200). Other values ' +
  'on a version already numbered correct it: `reason` is then required, and the event keeps the values replaced. ' +
  '422 RULE_VIOLATED with details.fields naming `number` (not digits followed by the version’s `dispatchSymbol`), ' +
  '`dispatchedOn` (not a calendar day, before the version’s `issuedOn`, after today in Vietnam) or `reason`. ' +
  '409 CONFLICT for a version numbered when issued (the decision, its plan: details.reason `numbered-when-issued`) ' +
  'or that takes no number (the nonconformity form: `takes-no-number`). 403 for anyone but the Quality ' +
  'Representative and the clerk (văn thư); 404 for another organisation’s document.';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('api/v1/documents')
export class DocumentDispatchController {
  constructor(private readonly dispatch: DocumentDispatchService) {}

  @Put(':documentId/dispatch')
  @Roles('quality-representative', 'clerk')
  @ApiOperation({
    summary:
      'Record the number and date the clerical office gave a registered version when it sent it (the Quality Representative or the clerk)',
    description: DISPATCH,
  })
  @ApiOkResponse({ type: DocumentVersionView, description: 'The register entry with the number and date' })
  @ApiErrors(400, 401, 403, 404, 409, 422, 429)
  record(
    @CurrentUser() caller: Principal,
    @Param('documentId') documentId: string,
    @Body() body: RecordDispatchDto,
    @Attributed() by: Attribution,
  ): Promise<DocumentVersionView> {
    return this.dispatch.record(caller, documentId, body, by);
  }
}
