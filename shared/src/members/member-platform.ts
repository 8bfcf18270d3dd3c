/** The platform a member last logged in from, as reported by the mini-program (wx system info). */
export const MEMBER_PLATFORMS = ['ios', 'android', 'windows', 'mac', 'ohos', 'devtools', 'h5', 'other'] as const;
export type MemberPlatform = (typeof MEMBER_PLATFORMS)[number];

export const PLATFORM_LABELS: Record<MemberPlatform, string> = {
  ios: 'iOS',
  android: 'Android',
  windows: 'Windows',
  mac: 'Mac',
  ohos: '鸿蒙',
  devtools: '开发者工具',
  h5: 'H5',
  other: '其他',
};
