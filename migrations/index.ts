import { InitialSchema1732300000000 } from './1732300000000-initial-schema';

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [InitialSchema1732300000000];
