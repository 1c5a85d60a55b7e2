export * from './quality-cycle.contract';
export * from './qcycle-error';
