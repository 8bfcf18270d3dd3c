import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class BoughtTogetherQuery {
  @ApiPropertyOptional({ default: 6, minimum: 1, maximum: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  limit?: number;
}

export class BoughtTogetherItem {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) imageUrl!: string | null;
  @ApiProperty() cashPriceFen!: number;
  @ApiProperty() pointsPrice!: number;
  @ApiProperty({ description: 'How much likelier the partner is bought with this item than on average (> 1)' }) lift!: number;
  @ApiProperty({ description: 'Share of this item’s orders that also held the partner' }) confidence!: number;
}

export class BoughtTogetherResponse {
  @ApiProperty({ type: [BoughtTogetherItem] }) items!: BoughtTogetherItem[];
}
