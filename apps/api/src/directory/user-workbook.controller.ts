import { Controller, Get, HttpCode, Post, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request as HttpRequest } from 'express';
import { Attributed, CurrentUser, Roles, type Attribution } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { callerLanguage } from '../common/caller-language';
import { ApiErrors } from '../common/error-responses';
import { instantToVnLocal } from '@qcycle/domain';
import { USER_DIRECTORY_READERS } from './directory.service';
import { UserImportQuery, UserImportTemplateQuery, UserImportView } from './dto/user-workbook.dto';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from './user-workbook/import-file';
import { UserWorkbookService } from './user-workbook/user-workbook.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UserWorkbookController {
  constructor(private readonly workbooks: UserWorkbookService) {}

  @Post('import')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Add and update people, and units, from a spreadsheet (.xlsx or UTF-8 CSV), all rows or none; dryRun=true only checks',
    description:
      `The body is the file itself (at most ${IMPORT_MAX_BYTES} bytes, ${IMPORT_MAX_ROWS} people); its kind is read from its bytes. ` +
      'Columns by heading: Họ và tên, Email (required), Đơn vị (code or name), Chức danh, Vai trò (comma-separated), Ngôn ngữ (vi/en); English headings too (GET /users/import/template; GET /users/export gives the directory in the same form). ' +
      'An .xlsx may list units on a sheet of their own (Mã đơn vị, Tên đơn vị, Tên tiếng Anh, Trực thuộc): the code is the key, a unit is added, renamed or moved, never removed; these are written first, so the people may name them. ' +
      'The e-mail is the key: a person already in the directory is updated, anyone else added (no password: the SSO, a password link they ask for on the sign-in page, or one set on their page). ' +
      'An empty cell keeps what is there; no role is taken away and nobody deactivated. ' +
      'Any row refused: 422 RULE_VIOLATED, details.problems naming rows[<row>].<column> or unitRows[<row>].<column>, nothing written; a file that is no table of people or units: 422 with path "file". ' +
      'Each change goes to the directory log as if made by hand, with importedFromRow.',
  })
  @ApiConsumes('text/csv', XLSX)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: UserImportView })
  @ApiErrors(400, 401, 403, 409, 413, 415, 422, 429)
  import(
    @CurrentUser() caller: Principal,
    @Query() query: UserImportQuery,
    @Req() request: HttpRequest,
    @Attributed() by: Attribution,
  ): Promise<UserImportView> {
    return this.workbooks.import(caller, request, query.dryRun ?? false, by, callerLanguage(request));
  }

  @Get('import/template')
  @Roles('admin')
  @ApiOperation({
    summary:
      'The workbook to fill in for an import: the people’s columns, your units on a sheet of their own, and a guide with the roles',
  })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'DANH-BA-MAU.xlsx' })
  @ApiErrors(400, 401, 403)
  async template(
    @CurrentUser() caller: Principal,
    @Query() query: UserImportTemplateQuery,
  ): Promise<StreamableFile> {
    const language = query.language ?? 'vi';
    const name = `${language === 'en' ? 'DIRECTORY-TEMPLATE' : 'DANH-BA-MAU'}.xlsx`;
    return workbookFile(await this.workbooks.template(caller, language), name);
  }

  @Get('export')
  @Roles(...USER_DIRECTORY_READERS)
  @ApiOperation({
    summary:
      "The organisation's people as a workbook in the import's form: the active on the first sheet (roles by name, each auditor's certificate), the deactivated on the second",
    description:
      'Imported again, edited or not, it reads as the directory: each row unchanged or the change made. For whoever reads the list of users (the administrator, the Quality Representative, the external auditor).',
  })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'DANH-BA-<organisation>-<YYYYMMDD>.xlsx' })
  @ApiErrors(400, 401, 403)
  async export(
    @CurrentUser() caller: Principal,
    @Query() query: UserImportTemplateQuery,
  ): Promise<StreamableFile> {
    const language = query.language ?? 'vi';
    const day = instantToVnLocal(new Date().toISOString()).date.replaceAll('-', '');
    const name = `${language === 'en' ? 'DIRECTORY' : 'DANH-BA'}-${caller.organisationCode.toUpperCase()}-${day}.xlsx`;
    return workbookFile(await this.workbooks.export(caller, language), name);
  }
}

/** A workbook sent as a download under `name` (ASCII: the names here are). */
function workbookFile(workbook: Buffer, name: string): StreamableFile {
  return new StreamableFile(workbook, {
    type: XLSX,
    disposition: `attachment; filename="${name}"`,
    length: workbook.length,
  });
}
