import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoleAssignmentEntity, UserEntity } from '@qcycle/persistence';
import { AuthController } from './auth.controller';
import { JwtAuthGuard } from './jwt-auth.guard';
import { OidcWebSignIn } from './oidc-web-sign-in.service';
import { PasswordHasher } from './password-hasher';
import { PrincipalService } from './principal.service';
import { RolesGuard } from './roles.guard';
import { TokenService } from './token.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, RoleAssignmentEntity])],
  controllers: [AuthController],
  providers: [PasswordHasher, PrincipalService, TokenService, OidcWebSignIn, JwtAuthGuard, RolesGuard],
  exports: [PasswordHasher, PrincipalService, TokenService, JwtAuthGuard, RolesGuard],
})
export class AuthModule {}
