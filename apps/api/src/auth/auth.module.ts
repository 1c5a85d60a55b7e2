import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoleAssignmentEntity, UserEntity } from '@qcycle/persistence';
import { AuthController } from './auth.controller';
import { JwtAuthGuard } from './jwt-auth.guard';
import { OidcWebSignIn } from './oidc-web-sign-in.service';
import { PasswordChangeNotices } from './password-change-notices';
import { PasswordsController } from './passwords.controller';
import { PasswordsService } from './passwords.service';
import { PasswordHasher } from './password-hasher';
import { PrincipalService } from './principal.service';
import { RolesGuard } from './roles.guard';
import { TokenService } from './token.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, RoleAssignmentEntity])],
  controllers: [AuthController, PasswordsController],
  providers: [
    PasswordHasher,
    PrincipalService,
    TokenService,
    OidcWebSignIn,
    PasswordsService,
    PasswordChangeNotices,
    JwtAuthGuard,
    RolesGuard,
  ],
  exports: [PasswordHasher, PasswordChangeNotices, PrincipalService, TokenService, JwtAuthGuard, RolesGuard],
})
export class AuthModule {}
