import { useCallback, useEffect, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { components } from '@mall/shared';
import { MemberGate } from '../../../components/MemberStatus';
import { useMember } from '../../../stores/member-context';
import { api, downloadAuthed, ignoreApiError } from '../../../services/request';
import { recordShare, useInviteShare } from '../../../services/share';
import { saveToAlbum } from '../../../services/album';
import './index.scss';

type Rules = components['schemas']['ReferralRulesResponse'];
type Invitation = components['schemas']['InvitationResponse'];
type Rank = components['schemas']['LeaderboardEntry'];

const STATES: Record<string, { label: string; tone: string }> = {
  bound: { label: '待完成首次签到', tone: 'pending' },
  qualified: { label: '已获奖励', tone: 'done' },
  capped: { label: '今日奖励已达上限', tone: 'muted' },
  blocked: { label: '同一设备/手机号，不计奖励', tone: 'muted' },
};

const ACTIONS: Record<string, string> = { first_checkin: '完成首次签到', first_paid_order: '完成首笔支付订单' };

function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
}

export default function InvitePage() {
  const { member } = useMember();
  const [rules, setRules] = useState<Rules | null>(null);
  const [invitations, setInvitations] = useState<Invitation[] | null>(null);
  const [ranks, setRanks] = useState<Rank[]>([]);
  const [poster, setPoster] = useState<string | null>(null);
  const [drawing, setDrawing] = useState(false);
  useInviteShare(rules?.slogan ?? '邀你一起签到领积分', '/pages/index/index');

  const load = useCallback(async () => {
    const [r, mine, board] = await Promise.all([api.get('/api/referrals/rules'), api.get('/api/referrals'), api.get('/api/referrals/leaderboard')]);
    setRules(r);
    setInvitations(mine.items);
    setRanks(board.items);
  }, []);
  useEffect(() => {
    if (member) void load().catch(ignoreApiError);
  }, [member?.id]);
  useDidShow(() => {
    if (member) void load().catch(ignoreApiError);
  });

  const makePoster = async () => {
    setDrawing(true);
    try {
      setPoster(await downloadAuthed('/api/referrals/poster'));
    } catch (e) {
      ignoreApiError(e);
    } finally {
      setDrawing(false);
    }
  };
  const savePoster = async () => {
    if (poster && (await saveToAlbum(poster))) recordShare('poster');
  };

  const earned = (invitations ?? []).reduce((sum, i) => sum + i.rewardPoints, 0);
  return (
    <View className="page invite">
      <MemberGate>
        {member && (
          <>
            <View className="card invite__hero">
              <Text className="invite__title">{rules?.slogan ?? '邀请好友一起签到'}</Text>
              <Text className="invite__sub">
                好友注册即得{rules ? ` ${rules.welcomePoints} 积分` : '新人礼'}
                {rules?.welcomeCoupons.length ? ` + ${rules.welcomeCoupons.join('、')}` : ''}，TA {ACTIONS[rules?.qualifyingAction ?? 'first_checkin']}后你得 {rules?.inviterRewardPoints ?? 20} 积分
              </Text>
              <View className="invite__actions">
                <Button className="btn-primary invite__share" openType="share">
                  分享给好友
                </Button>
                <Button className="invite__poster-btn" loading={drawing} disabled={drawing} onClick={() => void makePoster()}>
                  生成邀请海报
                </Button>
              </View>
              <Text className="muted">我的邀请码 {member.inviteCode}</Text>
            </View>

            {poster && (
              <View className="card invite__poster">
                <Image className="invite__poster-img" src={poster} mode="aspectFit" showMenuByLongpress />
                <Button className="btn-primary" onClick={() => void savePoster()}>
                  保存到相册
                </Button>
                <Text className="muted">保存后发到朋友圈或群聊，好友扫码即可加入</Text>
              </View>
            )}

            <View className="card">
              <View className="invite__section-head">
                <Text className="invite__section-title">我的邀请</Text>
                <Text className="muted">
                  已邀 {invitations?.length ?? 0} 人 · 共得 {earned} 积分
                </Text>
              </View>
              {invitations?.length === 0 && <View className="muted invite__empty">还没有邀请记录，快去分享吧</View>}
              {(invitations ?? []).map((i, index) => (
                <View key={index} className="invitation">
                  {i.friendAvatarUrl ? <Image className="invitation__avatar" src={i.friendAvatarUrl} /> : <View className="invitation__avatar invitation__avatar--blank">{Array.from(i.friendNickname)[0] ?? '友'}</View>}
                  <View className="invitation__body">
                    <Text className="invitation__name">{i.friendNickname}</Text>
                    <Text className="muted">{formatDate(i.boundAt)} 加入</Text>
                  </View>
                  <View className="invitation__state">
                    <Text className={`invitation__tag invitation__tag--${STATES[i.state]?.tone ?? 'muted'}`}>{STATES[i.state]?.label ?? i.state}</Text>
                    {i.rewardPoints > 0 && <Text className="invitation__reward">+{i.rewardPoints}</Text>}
                  </View>
                </View>
              ))}
            </View>

            {ranks.length > 1 && (
              <View className="card">
                <Text className="invite__section-title">好友签到榜 · 本月连签</Text>
                {ranks.map((r, index) => (
                  <View key={index} className={`rank ${r.isMe ? 'rank--me' : ''}`}>
                    <Text className="rank__no">{index + 1}</Text>
                    <Text className="rank__name">{r.isMe ? `${r.nickname}（我）` : r.nickname}</Text>
                    <Text className="rank__streak">连签 {r.streak} 天</Text>
                  </View>
                ))}
              </View>
            )}

            {rules && (
              <View className="card invite__rules">
                <Text className="invite__section-title">活动规则</Text>
                <Text className="muted">1. 好友通过你的分享或海报首次进入并注册，即与你绑定，每位好友只能被邀请一次。</Text>
                <Text className="muted">2. 好友注册即得 {rules.welcomePoints} 积分{rules.welcomeCoupons.length ? `及${rules.welcomeCoupons.join('、')}` : ''}。</Text>
                <Text className="muted">3. 好友{ACTIONS[rules.qualifyingAction]}后，你获得 {rules.inviterRewardPoints} 积分，每位好友奖励一次。</Text>
                <Text className="muted">4. 每天最多获得 {rules.dailyCapPerInviter} 位好友的邀请奖励；同一设备或手机号注册的账号不计奖励。</Text>
              </View>
            )}
          </>
        )}
      </MemberGate>
    </View>
  );
}
