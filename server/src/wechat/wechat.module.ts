import { Module } from '@nestjs/common';
import { WechatPayClient } from './wechat-pay.client';
import { WechatApiClient } from './wechat-api.client';

@Module({ providers: [WechatApiClient, WechatPayClient], exports: [WechatApiClient, WechatPayClient] })
export class WechatModule {}
