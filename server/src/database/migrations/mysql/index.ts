export const MYSQL_MIGRATIONS: Function[] = [];
