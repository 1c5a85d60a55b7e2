export * from './data-source';
export * from './migrate';
export * from './entities/quality-cycle.entity';
export * from './entities/event-log-entry.entity';
