import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { RoleAssignmentEntity, UserEntity, WHOLE_ORGANISATION_SCOPE } from '@qcycle/persistence';
import type { Principal } from './principal';
import { nextSessionsValidFrom } from './sessions';

/** Builds the caller from the directory: the user row and their role assignments. */
@Injectable()
export class PrincipalService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(RoleAssignmentEntity) private readonly roles: Repository<RoleAssignmentEntity>,
  ) {}

  async forUser(user: UserEntity, authenticatedBy: Principal['authenticatedBy']): Promise<Principal> {
    return principalOf(user, await this.assignmentsOf(user.id), authenticatedBy);
  }

  /**
   * The active user with this id as a caller, with the `sessions_valid_from` their tokens are checked
   * against (sessions.ts), or undefined (unknown or deactivated): what every request with a local
   * session needs first. The user row and the roles are read at once, not one after the other (two
   * queries on two pooled connections, one round trip of waiting).
   */
  async activePrincipal(
    userId: string,
    authenticatedBy: Principal['authenticatedBy'],
  ): Promise<{ principal: Principal; sessionsValidFrom: string | null } | undefined> {
    const [user, assignments] = await Promise.all([
      this.users.findOneBy({ id: userId }),
      this.assignmentsOf(userId),
    ]);
    if (!user?.active) return undefined;
    return {
      principal: principalOf(user, assignments, authenticatedBy),
      sessionsValidFrom: user.sessionsValidFrom,
    };
  }

  /**
   * Ends every session of this user that the API signed until now ("sign out everywhere"): their
   * tokens are refused from their next request on, and a new sign-in works at once.
   */
  async endSessions(userId: string): Promise<void> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) return;
    await this.users.update(
      { id: userId },
      { sessionsValidFrom: nextSessionsValidFrom(user.sessionsValidFrom) },
    );
  }

  private assignmentsOf(userId: string): Promise<RoleAssignmentEntity[]> {
    return this.roles.find({ where: { userId }, order: { role: 'ASC', scope: 'ASC' } });
  }

  /** The active user with this id, or undefined (unknown or deactivated). */
  async activeUser(userId: string): Promise<UserEntity | undefined> {
    const user = await this.users.findOneBy({ id: userId });
    return user?.active ? user : undefined;
  }
}

function principalOf(
  user: UserEntity,
  assignments: RoleAssignmentEntity[],
  authenticatedBy: Principal['authenticatedBy'],
): Principal {
  return {
    userId: user.id,
    organisationCode: user.organisationCode,
    unitCode: user.unitCode,
    fullName: user.fullName,
    email: user.email,
    roles: [...new Set(assignments.map((a) => a.role))],
    headOfUnits: assignments
      .filter((a) => a.role === 'unit-head' && a.scope !== WHOLE_ORGANISATION_SCOPE)
      .map((a) => a.scope),
    authenticatedBy,
    locale: user.locale,
    hasPassword: user.passwordHash !== null,
  };
}
