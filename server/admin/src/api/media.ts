import { call } from './client';
import { session } from './session';

/** Uploads an image (PNG/JPEG/WebP, ≤512 KB) and returns its content-addressed /media URL. */
export async function uploadImage(file: File): Promise<string> {
  const form = new FormData();
  form.append('file', file);
  const res = await fetch('/api/admin/media', { method: 'POST', headers: { Authorization: `Bearer ${session.token()}` }, body: form });
  const body = await res.json();
  return (await call(Promise.resolve({ data: res.ok ? body : undefined, error: res.ok ? undefined : body, response: res }))).url;
}
