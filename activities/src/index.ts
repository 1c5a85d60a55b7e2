export * from './cycle-record.activities';
export * from './quality-records.activities';
export * from './notifications';
