import { Suspense } from 'react';
import { Button, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { session } from '../api/session';
import { canAccess, ROLE_LABELS } from '../access';
import { SECTIONS } from '../routes';

export default function AdminLayout() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { data: me } = useQuery({ queryKey: ['me'], queryFn: () => call(api.GET('/api/admin/me')) });

  const visible = SECTIONS.filter((s) => canAccess(me?.role, s.access));
  const selected = visible.find((s) => location.pathname === s.path || location.pathname.startsWith(s.path + '/'))?.path ?? '/';
  const logout = () => {
    session.clear();
    queryClient.clear();
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="dark">
        <div style={{ color: '#fff', padding: '16px', fontWeight: 600, fontSize: 16 }}>会员商城 管理后台</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          items={visible.map((s) => ({ key: s.path, icon: s.icon, label: s.label }))}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', paddingInline: 24 }}>
          {me && (
            <Space>
              <Typography.Text>{me.username}</Typography.Text>
              <Tag>{ROLE_LABELS[me.role]}</Tag>
              <Button icon={<LogoutOutlined />} onClick={logout}>
                退出登录
              </Button>
            </Space>
          )}
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Suspense fallback={<Spin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
