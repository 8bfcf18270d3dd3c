import Taro from '@tarojs/taro';

/** Browsers have no subscribe messages; the H5 demo asks with a dialog and treats "好的" as accept. */
export async function requestSubscribe(tmplIds: string[]): Promise<string[]> {
  const { confirm } = await Taro.showModal({ title: '订阅提醒', content: '允许我们通过微信服务通知提醒您？', confirmText: '好的', cancelText: '不用了' });
  return confirm ? tmplIds : [];
}
