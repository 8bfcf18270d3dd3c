import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startTestApp, TestApp } from '../../test/harness';
import { createMember, getCsv } from '../../test/member-fixtures';
import { ExportJobsService } from './export-jobs.service';

const NOW = '2026-06-15T04:00:00Z';

describe('member export jobs', () => {
  let t: TestApp;
  const exportDir = mkdtempSync(join(tmpdir(), 'mall-exports-'));
  beforeAll(async () => {
    t = await startTestApp({ EXPORT_DIR: exportDir, EXPORT_FILE_TTL_MINUTES: '30' });
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    await t.setClock(NOW);
    for (let i = 0; i < 30; i++) await createMember(t, `job-${i}`, { tier: i % 3 === 0 ? 'gold' : 'normal', phone: `1380000${String(i).padStart(4, '0')}`, joinedAt: `2026-01-${String(i + 1).padStart(2, '0')}T00:00:00Z` });
  });
  afterEach(() => t.resetClock());

  async function waitDone(id: string, token: string) {
    await t.app.get(ExportJobsService).idle();
    const res = await t.request('GET', `/api/admin/members/exports/${id}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  }

  describe('POST /api/admin/members/exports', () => {
    it('writes the file in the background, reports rows written of rows matched, and serves the same CSV as the direct download', async () => {
      const token = await t.adminToken('analyst');
      const started = await t.request('POST', '/api/admin/members/exports?tier=gold', { token });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ status: 'running', rowsMatched: 10, unmasked: false, filters: { tier: 'gold' } });
      const done = await waitDone(started.body.id, token);
      expect(done).toMatchObject({ status: 'done', rowsMatched: 10, rowsWritten: 10 });
      expect(Date.parse(done.expiresAt) - Date.parse(done.finishedAt)).toBe(30 * 60_000);
      const file = await getCsv(t, `/api/admin/members/exports/${started.body.id}/file`, token);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="members-/);
      const direct = await getCsv(t, '/api/admin/members/export.csv?tier=gold', token);
      expect(file.text).toBe(direct.text);
      expect(file.text.split('\r\n')).toHaveLength(12);
      const mine = await t.request('GET', '/api/admin/members/exports', { token });
      expect(mine.body.items.map((j: { id: string }) => j.id)).toEqual([started.body.id]);
      const audit = await t.request('GET', '/api/admin/exports/audit', { token: await t.adminToken() });
      expect(audit.body.items.find((r: { kind: string }) => r.kind === 'job')).toMatchObject({ jobId: started.body.id, rowCount: 10, status: 'completed', adminUsername: 'test_analyst' });
    });

    it('keeps jobs private to the admin who started them', async () => {
      const started = await t.request('POST', '/api/admin/members/exports', { token: await t.adminToken('operator') });
      await waitDone(started.body.id, await t.adminToken('operator'));
      const other = await t.adminToken('analyst');
      expect((await t.request('GET', `/api/admin/members/exports/${started.body.id}`, { token: other })).status).toBe(404);
      expect((await getCsv(t, `/api/admin/members/exports/${started.body.id}/file`, other)).status).toBe(404);
      expect((await t.request('GET', '/api/admin/members/exports/not-a-uuid', { token: other })).status).toBe(400);
    });

    it('expires the file after the configured time and deletes it', async () => {
      const token = await t.adminToken();
      const started = await t.request('POST', '/api/admin/members/exports?unmask=true', { token });
      expect(started.body.unmasked).toBe(true);
      await waitDone(started.body.id, token);
      const file = join(exportDir, `${started.body.id}.csv`);
      expect(existsSync(file)).toBe(true);
      expect((await getCsv(t, `/api/admin/members/exports/${started.body.id}/file`, token)).text).toContain(',13800000000,');
      await t.setClock('2026-06-15T04:31:00Z');
      const late = await getCsv(t, `/api/admin/members/exports/${started.body.id}/file`, token);
      expect(late.status).toBe(410);
      expect(late.json.code).toBe('EXPORT_EXPIRED');
      expect((await t.request('GET', `/api/admin/members/exports/${started.body.id}`, { token })).body.status).toBe('expired');
      expect(await t.app.get(ExportJobsService).sweepExpired()).toBe(1);
      expect(existsSync(file)).toBe(false);
      expect(readdirSync(exportDir).filter((f) => f.startsWith(started.body.id))).toEqual([]);
    });

    it('refuses unmasking for analysts, bad filters and member tokens without creating a job', async () => {
      const analyst = await t.adminToken('analyst');
      const refused = await t.request('POST', '/api/admin/members/exports?unmask=true', { token: analyst });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('UNMASK_FORBIDDEN');
      const bad = await t.request('POST', '/api/admin/members/exports?tier=x&foo=1', { token: analyst });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/tier.*foo|foo.*tier/);
      const { token } = await t.loginMember('job-sneaky');
      expect((await t.request('POST', '/api/admin/members/exports', { token })).status).toBe(403);
      expect(await t.count('member_export_jobs')).toBe(0);
      expect(await t.count('member_export_audit')).toBe(0);
    });
  });
});
