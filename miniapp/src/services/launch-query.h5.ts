export function launchQuery(): Record<string, string | undefined> {
  const query: Record<string, string> = {};
  new URLSearchParams(window.location.search).forEach((value, key) => (query[key] = value));
  // With hash routing the page's own query sits after the '#'.
  const hashQuery = window.location.hash.split('?')[1];
  if (hashQuery) new URLSearchParams(hashQuery).forEach((value, key) => (query[key] ??= value));
  return query;
}
