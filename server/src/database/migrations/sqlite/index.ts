import { Initial1795398743399 } from './1795398743399-Initial';
import { LoyaltyCore1795400043661 } from './1795400043661-LoyaltyCore';

/** In order; appended by generate-migration.ts. */
export const SQLITE_MIGRATIONS: Function[] = [Initial1795398743399, LoyaltyCore1795400043661];
