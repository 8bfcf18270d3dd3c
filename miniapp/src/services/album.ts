/**
 * Saves an image to the phone's album, asking for the permission the way WeChat requires (and
 * offering the settings page when it was refused before). Platform versions sit beside this file.
 * Resolves true when saved, false when the member declined.
 */
export async function saveToAlbum(_filePath: string): Promise<boolean> {
  return false;
}
