export * from './cycle-phase';
