import { Global, Module, type DynamicModule } from '@nestjs/common';
import { loadConfig, type QcycleConfig } from './qcycle-config';

/** Injection token of the validated {@link QcycleConfig}. */
export const QCYCLE_CONFIG = Symbol('QCYCLE_CONFIG');

/**
 * Provides the validated configuration to both Nest apps. Boot reads the environment; tests pass
 * a config of their own (their database, their Temporal, their task queue).
 */
@Global()
@Module({})
export class QcycleConfigModule {
  static forRoot(config: QcycleConfig = loadConfig()): DynamicModule {
    return {
      module: QcycleConfigModule,
      providers: [{ provide: QCYCLE_CONFIG, useValue: config }],
      exports: [QCYCLE_CONFIG],
    };
  }
}
