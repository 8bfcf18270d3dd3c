/**
 * Asks the member to allow one-time subscribe messages for the given template ids and returns the
 * ids they accepted. Platform versions sit beside this file.
 */
export async function requestSubscribe(_tmplIds: string[]): Promise<string[]> {
  return [];
}
