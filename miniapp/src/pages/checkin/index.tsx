import { useCallback, useEffect, useState } from 'react';
import { Button, View, Text } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { components } from '@mall/shared';
import { api, ApiError, ignoreApiError } from '../../services/request';
import { useSubscription } from '../../services/use-subscription';
import { MemberGate } from '../../components/MemberStatus';
import { useMember } from '../../stores/member-context';
import './index.scss';
import { useInviteShare } from '../../services/share';
import { usePageView } from '../../services/analytics';

type Calendar = components['schemas']['CalendarResponse'];
type CheckinAnswer = components['schemas']['CheckinResponse'];
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export default function CheckinPage() {
  usePageView();
  useInviteShare('每天签到领积分，一起来连签吧', '/pages/checkin/index');
  const { member, reload } = useMember();
  const [month, setMonth] = useState<string | null>(null);
  const [calendar, setCalendar] = useState<Calendar | null>(null);
  const [answer, setAnswer] = useState<CheckinAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  // One tap asks for both reminders: the daily check-in one and the member-day morning one.
  const reminders = useSubscription(['checkin_reminder', 'member_day'], '已开启签到和会员日提醒');

  const load = useCallback(async (m: string | null) => {
    // Without a month the server answers its store's current month, not the phone's.
    const result = await api.get('/api/checkins/calendar', m ? { month: m } : {});
    setMonth(result.month);
    setCalendar(result);
  }, []);
  useEffect(() => {
    if (member) void Promise.all([load(month).catch(ignoreApiError), reminders.load()]);
  }, [member?.id]);
  useDidShow(() => {
    if (member) void Promise.all([load(month).catch(ignoreApiError), reminders.load()]);
  });

  const checkIn = async () => {
    setBusy(true);
    try {
      const result = await api.post('/api/checkins', undefined as never);
      setAnswer(result);
      await Promise.all([load(month), reload()]);
    } catch (e) {
      // The request wrapper has already shown the toast; anything else is a bug.
      if (!(e instanceof ApiError)) throw e;
    } finally {
      setBusy(false);
    }
  };

  const makeup = async (date: string) => {
    if (!calendar) return;
    const { confirm } = await Taro.showModal({ title: '补签', content: `补签 ${date} 需要 ${calendar.makeup.costPoints} 积分，本月还可补签 ${calendar.makeup.remaining} 次` });
    if (!confirm) return;
    try {
      const result = await api.post('/api/checkins/makeup', { date });
      void Taro.showToast({ title: `补签成功，连续 ${result.streak} 天`, icon: 'none' });
      await Promise.all([load(month), reload()]);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  };


  const checked = calendar?.checkedInToday ?? false;
  const leading = calendar ? new Date(`${calendar.month}-01T00:00:00Z`).getUTCDay() : 0;
  return (
    <View className="page checkin">
      <MemberGate>
        {calendar && (
          <>
            <View className="card checkin-hero">
              <Text className="checkin-streak">已连续签到 {calendar.streak} 天</Text>
              <Button className={`checkin-button ${checked ? 'checkin-button--done' : ''}`} disabled={checked || busy} onClick={() => void checkIn()}>
                {checked ? '今日已签到' : '签到'}
              </Button>
              {answer && !answer.alreadyCheckedIn && (
                <View className="checkin-reward">
                  {answer.rewards.map((r) => (r.unavailable ? `${r.label}：${r.unavailable}` : `+${r.label}`)).join('  ')}
                  {multiplierNote(answer.multipliers)}
                </View>
              )}
              {calendar.nextRewards.length > 0 && (
                <View className="next-rewards">
                  {calendar.nextRewards.slice(0, 3).map((r) => (
                    <Text key={`${r.inDays}-${r.label}`} className="next-reward muted">
                      再签 {r.inDays} 天得 {r.label}
                    </Text>
                  ))}
                </View>
              )}
              <Text className="muted">我的积分 {member?.points}</Text>
            </View>
            <View className="card">
              <View className="cal-head">
                <Text onClick={() => void load(shiftMonth(calendar.month, -1)).catch(ignoreApiError)}>‹</Text>
                <Text className="cal-month">{calendar.month}</Text>
                <Text onClick={() => void load(shiftMonth(calendar.month, 1)).catch(ignoreApiError)}>›</Text>
              </View>
              <View className="cal-grid">
                {WEEKDAYS.map((w) => (
                  <Text key={w} className="cal-weekday muted">{w}</Text>
                ))}
                {Array.from({ length: leading }, (_, i) => (
                  <View key={`pad-${i}`} className="cal-day cal-day--pad" />
                ))}
                {calendar.days.map((d) => (
                  <View
                    key={d.date}
                    className={`cal-day cal-day--${d.state} ${d.memberDay ? 'cal-day--member' : ''}`}
                    data-date={d.date}
                    onClick={() => d.state === 'missed' && calendar.month === calendar.today.slice(0, 7) && void makeup(d.date)}
                  >
                    {Number(d.date.slice(8))}
                  </View>
                ))}
              </View>
              <Text className="muted">漏签的日子可点击补签（本月剩余 {calendar.makeup.remaining} 次，每次 {calendar.makeup.costPoints} 积分）</Text>
            </View>
            <View className="card checkin-remind" onClick={() => void reminders.subscribe()}>
              <Text>开启签到和会员日提醒</Text>
              <Text className="muted">{reminders.credits('checkin_reminder') > 0 ? `还可提醒 ${reminders.credits('checkin_reminder')} 次 ›` : '›'}</Text>
            </View>
          </>
        )}
      </MemberGate>
    </View>
  );
}

/** The multipliers the server applied to the base points, as the member reads them: "（会员日 ×2 · 等级 ×1.2）". */
function multiplierNote(m: { tierPct: number; dayPct: number; memberDay: boolean; holiday: boolean }): string {
  const parts: string[] = [];
  if (m.dayPct !== 100 && (m.memberDay || m.holiday)) parts.push(`${m.memberDay ? '会员日' : '节日'} ×${m.dayPct / 100}`);
  if (m.tierPct !== 100) parts.push(`等级 ×${m.tierPct / 100}`);
  return parts.length ? `（${parts.join(' · ')}）` : '';
}
