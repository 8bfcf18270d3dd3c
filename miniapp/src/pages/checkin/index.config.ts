export default definePageConfig({ navigationBarTitleText: '每日签到', enableShareAppMessage: true, enableShareTimeline: true });
