export * from './quality-cycle.contract';
