export * from './enums';
export * from './filters';
export * from './import';
