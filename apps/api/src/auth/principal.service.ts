import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { RoleAssignmentEntity, UserEntity, WHOLE_ORGANISATION_SCOPE } from '@qcycle/persistence';
import type { Principal } from './principal';

/** Builds the caller from the directory: the user row and their role assignments. */
@Injectable()
export class PrincipalService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(RoleAssignmentEntity) private readonly roles: Repository<RoleAssignmentEntity>,
  ) {}

  async forUser(user: UserEntity, authenticatedBy: Principal['authenticatedBy']): Promise<Principal> {
    const assignments = await this.roles.find({
      where: { userId: user.id },
      order: { role: 'ASC', scope: 'ASC' },
    });
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
    };
  }

  /** The active user with this id, or undefined (unknown or deactivated). */
  async activeUser(userId: string): Promise<UserEntity | undefined> {
    const user = await this.users.findOneBy({ id: userId });
    return user?.active ? user : undefined;
  }
}
