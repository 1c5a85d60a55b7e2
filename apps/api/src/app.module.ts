import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QCYCLE_CONFIG, QcycleConfigModule, type QcycleConfig } from '@qcycle/config';
import { dataSourceOptions } from '@qcycle/persistence';
import { CyclesModule } from './cycles/cycles.module';
import { HealthModule } from './health/health.module';
import { TemporalClientModule } from './temporal/temporal-client.module';

@Module({})
export class AppModule {
  static forRoot(config?: QcycleConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        QcycleConfigModule.forRoot(config),
        TypeOrmModule.forRootAsync({ inject: [QCYCLE_CONFIG], useFactory: (c: QcycleConfig) => dataSourceOptions(c.database) }),
        TemporalClientModule,
        HealthModule,
        CyclesModule,
      ],
    };
  }
}
