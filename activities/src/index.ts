export * from './cycle-record.activities';
export * from './quality-records.activities';
export * from './quality-record-facts';
export * from './notifications';
export * from './next-year-draft.activity';
