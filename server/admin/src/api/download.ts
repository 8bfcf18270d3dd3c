import { ApiError } from './client';
import { session } from './session';

/**
 * Downloads a file from an authenticated GET (the bearer token cannot ride on a plain link) and
 * hands it to the browser under the server's file name.
 */
export async function downloadFile(path: string): Promise<{ fileName: string; bytes: number }> {
  const token = session.token();
  const res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new ApiError(res.status, body.code ?? `HTTP_${res.status}`, body.message ?? '下载失败，请稍后再试', body.details);
  }
  const fileName = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'export.csv';
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { fileName, bytes: blob.size };
}
