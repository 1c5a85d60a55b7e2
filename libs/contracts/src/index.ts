export * from './quality-cycle.contract';
export * from './qcycle-error';
export * from './roster.contract';
export * from './notification.contract';
export * from './task.contract';
export * from './cycle-workflows.contract';
export * from './cycle-start';
export * from './notification-sweep.contract';
