export * from './qcycle-config';
