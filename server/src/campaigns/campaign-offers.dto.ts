import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CampaignOfferDetail {
  @ApiProperty({ enum: ['coupon', 'points'] }) kind!: 'coupon' | 'points';
  @ApiPropertyOptional({ description: 'Points credited on claim (kind points)' }) points?: number;
  @ApiPropertyOptional({ description: "The coupon template's name (kind coupon)" }) couponTitle?: string;
  @ApiPropertyOptional({ description: 'Amount off in fen for an amount coupon (kind coupon)' }) couponValueFen?: number;
}

export class CampaignOfferResponse {
  @ApiProperty() sendId!: string;
  @ApiProperty() campaignName!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Page to open, carrying campaignSend=<sendId>' }) page!: string | null;
  @ApiProperty({ type: CampaignOfferDetail }) offer!: CampaignOfferDetail;
  @ApiProperty() claimed!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) claimedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CampaignOfferListResponse {
  @ApiProperty({ type: [CampaignOfferResponse], description: "The caller's offers, newest first" }) items!: CampaignOfferResponse[];
}

export class ClaimCampaignOfferResponse {
  @ApiProperty() claimed!: boolean;
  @ApiProperty({ description: 'True when an earlier claim had already taken it (nothing issued this time)' }) alreadyClaimed!: boolean;
  @ApiPropertyOptional({ description: 'The coupon put in the wallet (coupon offers)' }) couponId?: string;
  @ApiPropertyOptional({ description: 'Points credited (points offers)' }) points?: number;
}
