import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../../test/harness';
import { createMember, getCsv } from '../../test/member-fixtures';
import { ExportJobsService } from './export-jobs.service';

const NOW = '2026-06-15T04:00:00Z';

/**
 * Saved audiences exported through the member export pipeline: the CSV holds exactly the audience's
 * members, with the usual columns, masking, owner-only unmasking and audit.
 *   ann  gold    500 pts, phone, one paid order     bob  gold     50 pts
 *   cat  silver  800 pts, phone, one paid order     dan  normal  900 pts     eve  silver  100 pts, no order
 */
describe('audience CSV export', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const audiences: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp({ EXPORT_DIR: mkdtempSync(join(tmpdir(), 'mall-audience-exports-')) });
    await t.reset();
    await t.setClock(NOW);
    const paid = [{ fen: 3000, status: 'completed', paidAt: '2026-06-01T04:00:00Z' }];
    ids.ann = await createMember(t, 'aud-ann', { tier: 'gold', points: 500, phone: '13800000001', orders: paid });
    ids.bob = await createMember(t, 'aud-bob', { tier: 'gold', points: 50 });
    ids.cat = await createMember(t, 'aud-cat', { tier: 'silver', points: 800, phone: '13900000002', orders: [{ ...paid[0], fen: 10000 }] });
    ids.dan = await createMember(t, 'aud-dan', { tier: 'normal', points: 900 });
    ids.eve = await createMember(t, 'aud-eve', { tier: 'silver', points: 100 });
    await t.runJob('predictions');
    const save = async (name: string, rules: unknown[]) => {
      const res = await t.request('POST', '/api/admin/audiences', { token: await t.adminToken(), body: { name, rules } });
      expect(res.status).toBe(201);
      audiences[name] = res.body.id;
    };
    await save('silver-gold-100', [{ kind: 'tier', in: ['silver', 'gold'] }, { kind: 'points', min: 100 }]);
    await save('silver-gold-buyers', [{ kind: 'tier', in: ['silver', 'gold'] }, { kind: 'orders', min: 1 }]);
  }, 60_000);
  afterAll(() => t?.close());

  const names = (memberIds: string[]) => memberIds.map((id) => Object.keys(ids).find((k) => ids[k] === id) ?? id).sort();
  const csvRows = (text: string) => text.split('\r\n').slice(1).filter(Boolean).map((line) => line.split(','));

  async function exportJob(query: string, role: 'owner' | 'operator' | 'analyst' = 'analyst') {
    const token = await t.adminToken(role);
    const started = await t.request('POST', `/api/admin/members/exports?${query}`, { token });
    expect(started.status).toBe(201);
    await t.app.get(ExportJobsService).idle();
    const job = (await t.request('GET', `/api/admin/members/exports/${started.body.id}`, { token })).body;
    const file = await getCsv(t, `/api/admin/members/exports/${started.body.id}/file`, token);
    expect(file.status).toBe(200);
    return { job, rows: csvRows(file.text), text: file.text };
  }

  it.each([
    ['silver-gold-100', ['ann', 'cat', 'eve']],
    ['silver-gold-buyers', ['ann', 'cat']],
  ])('exports exactly the members of audience %s', async (name, expected) => {
    const id = audiences[name];
    const { job, rows } = await exportJob(`audienceId=${id}`);
    expect(job).toMatchObject({ status: 'done', rowsMatched: expected.length, rowsWritten: expected.length, filters: { audienceId: id }, unmasked: false });
    const members = await t.request('GET', `/api/admin/audiences/${id}/members?pageSize=100`, { token: await t.adminToken('analyst') });
    const audienceIds = members.body.items.map((m: { id: string }) => m.id);
    expect(names(rows.map((r) => r[0]))).toEqual(names(audienceIds));
    expect(names(audienceIds)).toEqual(expected);
  });

  it('keeps the export rules: masked phones, owner-only unmasking, the audit row, other filters combine', async () => {
    const id = audiences['silver-gold-100'];
    const masked = await exportJob(`audienceId=${id}`);
    expect(masked.text).toContain('138****0001');
    expect(masked.text).not.toContain('13800000001');
    const refused = await t.request('POST', `/api/admin/members/exports?audienceId=${id}&unmask=true`, { token: await t.adminToken('analyst') });
    expect(refused.status).toBe(403);
    const full = await exportJob(`audienceId=${id}&unmask=true`, 'owner');
    expect(full.text).toContain('13800000001');
    const audit = await t.request('GET', '/api/admin/exports/audit?pageSize=50', { token: await t.adminToken() });
    expect(audit.body.items.find((r: { jobId: string | null }) => r.jobId === full.job.id)).toMatchObject({ unmasked: true, filters: { audienceId: id }, rowCount: 3, status: 'completed' });
    const gold = await exportJob(`audienceId=${id}&tier=gold`);
    expect(names(gold.rows.map((r) => r[0]))).toEqual(['ann']);
    const direct = await getCsv(t, `/api/admin/members/export.csv?audienceId=${id}`, await t.adminToken('analyst'));
    expect(direct.text).toBe(masked.text);
  });

  it('refuses an unknown or malformed audience id without starting a job', async () => {
    const token = await t.adminToken('analyst');
    const jobs = await t.count('member_export_jobs');
    const unknown = await t.request('POST', '/api/admin/members/exports?audienceId=0190a0a0-0000-7000-8000-000000000000', { token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('AUDIENCE_NOT_FOUND');
    expect((await t.request('POST', '/api/admin/members/exports?audienceId=nope', { token })).status).toBe(400);
    expect(await t.count('member_export_jobs')).toBe(jobs);
  });
});
