import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn } from 'class-validator';
import { SUBSCRIPTION_TOPICS, SubscriptionTopic } from './notice.entities';

export class NoticeResponse {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) page?: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() read!: boolean;
}

export class NoticePageResponse {
  @ApiProperty({ type: [NoticeResponse] }) items!: NoticeResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() unread!: number;
}

export class SubscribeDto {
  @ApiProperty({ enum: SUBSCRIPTION_TOPICS, isArray: true, description: 'Topics the member just allowed in wx.requestSubscribeMessage' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SUBSCRIPTION_TOPICS.length)
  @IsIn(SUBSCRIPTION_TOPICS, { each: true })
  topics!: SubscriptionTopic[];
}

export class SubscriptionCreditsResponse {
  @ApiProperty({ description: 'Remaining one-time messages per topic', example: { points_expiry: 1 } })
  credits!: Record<string, number>;
  @ApiProperty({ description: 'WeChat template id per topic, for wx.requestSubscribeMessage' })
  templates!: Record<string, string>;
}
