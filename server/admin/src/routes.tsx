import { lazy, type ReactNode } from 'react';
import { AimOutlined, AccountBookOutlined, AuditOutlined, NotificationOutlined, BarChartOutlined, CalendarOutlined, CloudDownloadOutlined, CrownOutlined, DashboardOutlined, GiftOutlined, ProfileOutlined, ShareAltOutlined, ShopOutlined, StarOutlined, TeamOutlined } from '@ant-design/icons';
import type { ACCESS } from './access';

export interface Section {
  path: string;
  label: string;
  icon: ReactNode;
  access: keyof typeof ACCESS;
  page: React.LazyExoticComponent<() => JSX.Element>;
}

/** The side menu and the routes: adding a section is one entry here plus one in access.ts. */
export const SECTIONS: Section[] = [
  { path: '/', label: '仪表盘', icon: <DashboardOutlined />, access: 'dashboard', page: lazy(() => import('./pages/dashboard')) },
  { path: '/members', label: '会员管理', icon: <TeamOutlined />, access: 'members', page: lazy(() => import('./pages/members')) },
  { path: '/tiers', label: '会员等级', icon: <CrownOutlined />, access: 'tiers', page: lazy(() => import('./pages/tiers')) },
  { path: '/coupons', label: '优惠券', icon: <GiftOutlined />, access: 'coupons', page: lazy(() => import('./pages/coupons')) },
  { path: '/checkin', label: '签到设置', icon: <CalendarOutlined />, access: 'checkin', page: lazy(() => import('./pages/checkin')) },
  { path: '/member-day', label: '会员日', icon: <StarOutlined />, access: 'memberDay', page: lazy(() => import('./pages/member-day')) },
  { path: '/referrals', label: '邀请有礼', icon: <ShareAltOutlined />, access: 'referrals', page: lazy(() => import('./pages/referrals')) },
  { path: '/analytics', label: '数据分析', icon: <BarChartOutlined />, access: 'analytics', page: lazy(() => import('./pages/analytics')) },
  { path: '/exports', label: '我的导出', icon: <CloudDownloadOutlined />, access: 'exports', page: lazy(() => import('./pages/exports')) },
  { path: '/exports/audit', label: '导出审计', icon: <AuditOutlined />, access: 'exportAudit', page: lazy(() => import('./pages/export-audit')) },
  { path: '/mall-items', label: '商品管理', icon: <ShopOutlined />, access: 'mallItems', page: lazy(() => import('./pages/mall-items')) },
  { path: '/orders', label: '订单管理', icon: <ProfileOutlined />, access: 'orders', page: lazy(() => import('./pages/orders')) },
  { path: '/mall-sales', label: '销售数据', icon: <BarChartOutlined />, access: 'mallSales', page: lazy(() => import('./pages/mall-sales')) },
  { path: '/points-economy', label: '积分经济', icon: <AccountBookOutlined />, access: 'pointsEconomy', page: lazy(() => import('./pages/points-economy')) },
  { path: '/audiences', label: '受众', icon: <AimOutlined />, access: 'audiences', page: lazy(() => import('./pages/audiences')) },
  { path: '/campaigns', label: '营销活动', icon: <NotificationOutlined />, access: 'campaigns', page: lazy(() => import('./pages/campaigns')) },
];
