import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { MAX_IMAGE_BYTES } from '../media/media.service';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import type { AppConfig } from '../config/app-config';
import { AllExceptionsFilter } from '../common/all-exceptions.filter';
import { createValidationPipe } from '../common/validation';
import { setupSwagger } from '../openapi/swagger';
import { registerStaticSites } from './static-sites';

/** Builds the whole HTTP application; used by main.ts, the OpenAPI export and the API tests. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.http.bodyLimitBytes, trustProxy: true, return503OnClosing: true });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    rawBody: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());

  // Fastify's own errors (body too large, malformed JSON) reach AllExceptionsFilter through Nest's
  // exception layer as HttpExceptions carrying Fastify's status code.
  const connectSrc = ["'self'", ...(config.wechat.sandboxPublicBase && !config.isProduction ? [config.wechat.sandboxPublicBase] : [])];
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:', 'http:'],
        connectSrc,
        fontSrc: ["'self'", 'data:'],
      },
    },
    crossOriginEmbedderPolicy: false,
  });

  // Same-origin by default (the admin and H5 app are served by this server); listed origins only.
  if (config.http.corsOrigins.length) {
    app.enableCors({ origin: config.http.corsOrigins, methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], allowedHeaders: ['authorization', 'content-type'], maxAge: 600 });
  }
  await app.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 5, parts: 6 } });
  setupSwagger(app);
  await registerStaticSites(app, config);
  app.enableShutdownHooks();
  return app;
}
