import Taro from '@tarojs/taro';

const SCOPE = 'scope.writePhotosAlbum';

export async function saveToAlbum(filePath: string): Promise<boolean> {
  const { authSetting } = await Taro.getSetting();
  // Refused before: WeChat will not ask again, only the settings page can turn it back on.
  if (authSetting[SCOPE] === false) return askForSettings(filePath);
  try {
    await Taro.saveImageToPhotosAlbum({ filePath });
    void Taro.showToast({ title: '已保存到相册', icon: 'success' });
    return true;
  } catch (error) {
    const message = (error as { errMsg?: string }).errMsg ?? '';
    if (/auth|deny|denied/i.test(message)) return askForSettings(filePath);
    if (/cancel/i.test(message)) return false;
    void Taro.showToast({ title: '保存失败，请稍后重试', icon: 'none' });
    return false;
  }
}

async function askForSettings(filePath: string): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: '需要相册权限',
    content: '保存海报需要访问您的相册，请在设置中开启“保存到相册”',
    confirmText: '去设置',
    cancelText: '暂不',
  });
  if (!confirm) return false;
  const { authSetting } = await Taro.openSetting();
  if (!authSetting[SCOPE]) return false;
  await Taro.saveImageToPhotosAlbum({ filePath });
  void Taro.showToast({ title: '已保存到相册', icon: 'success' });
  return true;
}
