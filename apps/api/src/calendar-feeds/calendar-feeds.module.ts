import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarFeedEntity, QualityCycleEntity, TaskEntity, UserEntity } from '@qcycle/persistence';
import { AuthModule } from '../auth/auth.module';
import { CalendarFeedsController } from './calendar-feeds.controller';
import { CalendarFeedsService } from './calendar-feeds.service';

@Module({
  imports: [
    AuthModule,
    TypeOrmModule.forFeature([CalendarFeedEntity, UserEntity, TaskEntity, QualityCycleEntity]),
  ],
  controllers: [CalendarFeedsController],
  providers: [CalendarFeedsService],
})
export class CalendarFeedsModule {}
