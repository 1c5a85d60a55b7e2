export * from './quality-cycle.contract';
export * from './qcycle-error';
export * from './roster.contract';
export * from './notification.contract';
