import { Module } from '@nestjs/common';
import { WechatApiClient } from './wechat-api.client';

@Module({ providers: [WechatApiClient], exports: [WechatApiClient] })
export class WechatModule {}
