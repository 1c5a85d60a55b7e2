export * from './qcycle-config';
export * from './qcycle-config.module';
export * from './temporal-connection';
