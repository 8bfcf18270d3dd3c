export default defineAppConfig({
  pages: ['pages/index/index', 'pages/checkin/index', 'pages/mall/index', 'pages/me/index'],
  // Features outside the tab bar go into subpackages by feature: { root: 'feature', pages: ['pages/x/index'] }.
  subPackages: [
    { root: 'member', pages: ['pages/tier/index', 'pages/points/index', 'pages/coupons/index'] },
    { root: 'referral', pages: ['pages/invite/index'] },
    { root: 'messages', pages: ['pages/index/index'] },
    {
      root: 'mall',
      pages: ['pages/item/index', 'pages/checkout/index', 'pages/orders/index', 'pages/order/index', 'pages/addresses/index', 'pages/address-edit/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#e4393c',
    navigationBarTitleText: '会员好物商城',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f6f6',
  },
  tabBar: {
    color: '#8a8a8a',
    selectedColor: '#e4393c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/checkin/index', text: '签到', iconPath: 'assets/tab/checkin.png', selectedIconPath: 'assets/tab/checkin-active.png' },
      { pagePath: 'pages/mall/index', text: '积分商城', iconPath: 'assets/tab/mall.png', selectedIconPath: 'assets/tab/mall-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
});
