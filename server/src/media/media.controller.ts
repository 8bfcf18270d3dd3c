import { Controller, Get, HttpStatus, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { AppHttpError } from '../common/errors';
import { MediaService } from './media.service';

@ApiExcludeController()
@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  /** Content-addressed files never change, so browsers and CDNs may keep them for a year. */
  @Public()
  @Get(':name')
  async serve(@Param('name') name: string, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.media.read(name);
    if (!file) throw new AppHttpError(HttpStatus.NOT_FOUND, 'NOT_FOUND', '文件不存在');
    void reply.header('content-type', file.mime).header('cache-control', 'public, max-age=31536000, immutable').send(file.bytes);
  }
}
