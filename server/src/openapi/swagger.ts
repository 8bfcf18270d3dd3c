import { ApiProperty, ApiPropertyOptional, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { INestApplication } from '@nestjs/common';

export class ErrorResponse {
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine-readable code' }) code!: string;
  @ApiProperty({ example: '请求参数有误：code', description: 'Human-readable message (Chinese)' }) message!: string;
  @ApiPropertyOptional({ description: 'Extra data, e.g. the invalid fields' }) details?: unknown;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('会员商城 API')
    .setDescription('Member-retention mall: member API for the mini-program and admin API for the merchant web admin. Every 4xx/5xx answers with ErrorResponse.')
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'member')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'admin')
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponse] });
}

export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
}
