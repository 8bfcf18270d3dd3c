import Taro from '@tarojs/taro';

/** wx.requestSubscribeMessage must be called from a tap; WeChat answers per template id. */
export async function requestSubscribe(tmplIds: string[]): Promise<string[]> {
  const result = (await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as never)) as unknown as Record<string, string>;
  return tmplIds.filter((id) => result[id] === 'accept');
}
