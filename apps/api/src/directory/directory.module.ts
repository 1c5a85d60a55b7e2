import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DirectoryEventsController } from './directory-events.controller';
import { DirectoryService } from './directory.service';
import { OrganisationsController } from './organisations.controller';
import { PeopleController } from './people.controller';
import { UnitsController } from './units.controller';
import { UserImportController } from './user-import.controller';
import { UserImportService } from './user-import/user-import.service';
import { UsersController } from './users.controller';

@Module({
  imports: [AuthModule],
  controllers: [
    OrganisationsController,
    UnitsController,
    UserImportController,
    UsersController,
    PeopleController,
    DirectoryEventsController,
  ],
  providers: [DirectoryService, UserImportService],
  exports: [DirectoryService],
})
export class DirectoryModule {}
