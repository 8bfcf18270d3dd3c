/** A browser has no album: download the image instead (long-press also works on phones). */
export async function saveToAlbum(filePath: string): Promise<boolean> {
  const link = document.createElement('a');
  link.href = filePath;
  link.download = 'invite-poster.png';
  document.body.appendChild(link);
  link.click();
  link.remove();
  return true;
}
