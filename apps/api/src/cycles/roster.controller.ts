import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UserEntity } from '@qcycle/persistence';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { sortByName } from '../common/by-name';
import { ApiErrors } from '../common/error-responses';
import { DirectoryRosterService } from './directory-roster.service';
import { RosterView, type RosterPersonView } from './dto/roster.view';

/**
 * Who would get the year's work if the caller started a year now: the roster is taken from the
 * directory once, when the year starts, and a wrong head or a missing auditor then costs a year of
 * hand-overs — so the start form shows it first.
 */
@ApiTags('cycles')
@ApiBearerAuth()
@Controller('api/v1/roster')
export class RosterController {
  constructor(private readonly rosters: DirectoryRosterService) {}

  @Get()
  @Roles('quality-representative')
  @ApiOperation({
    summary:
      'Who would play each role in a year you started now, as the directory stands (the Quality Representative)',
    description:
      "The roster POST /cycles would take now, refusing nothing: the leaders (one signs), you as the Quality Representative, each unit's head taking its work (or you standing in), its staff, the lead auditor and the auditors, and the roles a start would be refused for lacking (missing). A year already running keeps the roster it started with.",
  })
  @ApiOkResponse({ type: RosterView })
  @ApiErrors(401, 403)
  async roster(@CurrentUser() caller: Principal): Promise<RosterView> {
    const taken = await this.rosters.rosterAsItStands(caller.organisationCode, caller.userId);
    const qualityRepresentative = taken.qualityRepresentative;
    return {
      leaders: taken.leaders.map(person),
      qualityRepresentative: qualityRepresentative ? person(qualityRepresentative) : null,
      units: taken.units.map(({ unit, head, heads, staff }) => {
        const takesWork = head ?? qualityRepresentative;
        return {
          code: unit.code,
          name: { vi: unit.nameVi, en: unit.nameEn },
          head: takesWork ? person(takesWork) : null,
          standsIn: !head,
          chosen: head !== undefined && head.id === unit.workHeadUserId,
          otherHeads: heads.filter((other) => other.id !== head?.id).map(person),
          staff: staff.map(person),
        };
      }),
      leadAuditor: taken.leadAuditor ? person(taken.leadAuditor) : null,
      auditors: sortByName(taken.auditors).map(person),
      missing: taken.missing,
    };
  }
}

function person(user: UserEntity): RosterPersonView {
  return { userId: user.id, name: user.fullName, title: user.title?.trim() || null };
}
