import { Initial1795398743399 } from './1795398743399-Initial';

/** In order; appended by generate-migration.ts. */
export const MYSQL_MIGRATIONS: Function[] = [Initial1795398743399];
