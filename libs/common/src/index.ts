export * from './enums';
export * from './filters';
