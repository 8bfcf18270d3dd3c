import { loadAppConfig } from '../config/app-config';
import { startWechatSandbox, WechatSandbox } from '../../../scripts/wechat-sandbox/server';
import { WechatApiClient, type ShippingInfoUpload } from './wechat-api.client';

/** upload_shipping_info through the production client, against the stand-in's checks. */
describe('uploadShippingInfo against the WeChat stand-in', () => {
  let sandbox: WechatSandbox;
  let client: WechatApiClient;
  beforeAll(async () => {
    sandbox = await startWechatSandbox({ appId: 'wxshiptest', appSecret: 'ship-secret' });
    client = new WechatApiClient(loadAppConfig({ WECHAT_APP_ID: 'wxshiptest', WECHAT_APP_SECRET: 'ship-secret', WECHAT_API_BASE: sandbox.url, WECHAT_TIMEOUT_MS: '3000' }));
  });
  afterAll(() => sandbox.close());

  function paidTransaction(outTradeNo: string, state: 'SUCCESS' | 'NOTPAY' = 'SUCCESS') {
    const transactionId = `4200${outTradeNo}`.slice(0, 28);
    sandbox.pay.transactions.set(outTradeNo, { outTradeNo, transactionId, prepayId: `wx${outTradeNo}`, appid: 'wxshiptest', description: '露营灯', notifyUrl: 'http://127.0.0.1/n', totalFen: 5900, openid: 'buyer-1', state });
    return transactionId;
  }
  const upload = (transactionId: string, change: Partial<Record<keyof ShippingInfoUpload, unknown>> = {}) =>
    client.uploadShippingInfo({
      order_key: { order_number_type: 2, transaction_id: transactionId },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [{ tracking_no: 'SF1234567890', express_company: 'SF', item_desc: '露营灯*1', contact: { receiver_contact: '139****9000' } }],
      upload_time: '2026-11-23T18:30:00.000+08:00',
      payer: { openid: 'buyer-1' },
      ...change,
    } as ShippingInfoUpload);

  it('records a well-formed upload and allows one re-ship, then refuses with 10060003', async () => {
    const tx = paidTransaction('ship0001');
    await upload(tx);
    await upload(tx, { upload_time: '2026-11-23T19:00:00+08:00' });
    await expect(upload(tx)).rejects.toMatchObject({ errcode: 10060003 });
    expect(sandbox.state.shipments.filter((s) => s.transactionId === tx)).toHaveLength(2);
  });

  it.each([
    ['shipping_list not an array', { shipping_list: { tracking_no: 'x', express_company: 'SF', item_desc: 'x' } }, 47001],
    ['a bad upload_time', { upload_time: '2026-11-23 18:30:00' }, 268485216],
    ['an unknown delivery mode', { delivery_mode: 3 }, 268485224],
    ['an unknown logistics type', { logistics_type: 9 }, 10060005],
    ['two waybills in unified delivery', { shipping_list: [{ tracking_no: 'a1234', express_company: 'ZTO', item_desc: 'x' }, { tracking_no: 'b1234', express_company: 'ZTO', item_desc: 'y' }] }, 268485228],
    ['an SF waybill without a contact', { shipping_list: [{ tracking_no: 'SF1', express_company: 'SF', item_desc: 'x' }] }, 10060014],
    ['an empty item description', { shipping_list: [{ tracking_no: 'a1234', express_company: 'ZTO', item_desc: '' }] }, 10060008],
    ['another payer', { payer: { openid: 'someone-else' } }, 10060031],
  ])('refuses %s', async (_what, change, errcode) => {
    const tx = paidTransaction(`bad${errcode}`);
    await expect(upload(tx, change as never)).rejects.toMatchObject({ errcode });
    expect(sandbox.state.shipments.filter((s) => s.transactionId === tx)).toHaveLength(0);
  });

  it('refuses an unknown payment (10060001) and an unpaid one (10060004)', async () => {
    await expect(upload('4200000000000000000000000000')).rejects.toMatchObject({ errcode: 10060001 });
    await expect(upload(paidTransaction('unpaid01', 'NOTPAY'))).rejects.toMatchObject({ errcode: 10060004 });
  });

  it('gets a fresh access token when WeChat says the cached one is invalid (40001)', async () => {
    const tx = paidTransaction('ship0002');
    await client.getAccessToken();
    sandbox.state.accessTokens.clear();
    await upload(tx);
    expect(sandbox.state.shipments.filter((s) => s.transactionId === tx)).toHaveLength(1);
  });
});
