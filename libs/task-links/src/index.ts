export * from './task-link.error';
export * from './task-link-token';
export * from './task-link-signer';
export * from './task-link.service';
export * from './task-links.module';
export * from './password-reset-link';
