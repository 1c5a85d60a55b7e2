export * from './cycle-record.activities';
