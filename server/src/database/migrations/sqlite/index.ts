export const SQLITE_MIGRATIONS: Function[] = [];
