export * from './test-servers';
export * from './test-smtp-server';
export * from './browser';
export * from './eventually';
export * from './histories';
export * from './office-files';
export * from './workflow-whereabouts';
