import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DirectoryEventsController } from './directory-events.controller';
import { DirectoryService } from './directory.service';
import { OrganisationsController } from './organisations.controller';
import { PeopleController } from './people.controller';
import { UnitsController } from './units.controller';
import { UserWorkbookController } from './user-workbook.controller';
import { UserWorkbookService } from './user-workbook/user-workbook.service';
import { UsersController } from './users.controller';

@Module({
  imports: [AuthModule],
  controllers: [
    OrganisationsController,
    UnitsController,
    UserWorkbookController,
    UsersController,
    PeopleController,
    DirectoryEventsController,
  ],
  providers: [DirectoryService, UserWorkbookService],
  exports: [DirectoryService],
})
export class DirectoryModule {}
