/** The query the mini-program was opened with (platform versions sit beside this file). */
export function launchQuery(): Record<string, string | undefined> {
  return {};
}
