import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QualityCycleEntity } from '@qcycle/persistence';
import { CyclesController } from './cycles.controller';
import { CyclesService } from './cycles.service';

@Module({ imports: [TypeOrmModule.forFeature([QualityCycleEntity])], controllers: [CyclesController], providers: [CyclesService] })
export class CyclesModule {}
