export default definePageConfig({ navigationBarTitleText: '会员好物商城', enableShareAppMessage: true, enableShareTimeline: true });
