/** True when a write failed on a unique or primary key, on MySQL/MariaDB or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = e?.driverError?.code ?? e?.code;
  const errno = e?.driverError?.errno ?? e?.errno;
  return code === 'ER_DUP_ENTRY' || errno === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Escapes LIKE wildcards so user text matches literally. Uses `!` as the escape character because
 * backslash means different things in MySQL and SQLite string literals: pair it with `ESCAPE '!'`.
 */
export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => '!' + c);
}
