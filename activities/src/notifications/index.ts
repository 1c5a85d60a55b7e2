export * from './task-notification.activities';
export * from './task-notification-mail';
export * from './weekly-digest.activities';
export * from './password-reset.activities';
