import { HttpStatus } from '@nestjs/common';
import '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppHttpError } from '../common/errors';
import { MAX_IMAGE_BYTES } from './media.service';

/** Reads the single file of a multipart upload (field `file`), refusing anything over the image limit. */
export async function readUploadedFile(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppHttpError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'MULTIPART_REQUIRED', '请以 multipart/form-data 上传文件');
  const part = await req.file({ limits: { fileSize: MAX_IMAGE_BYTES, files: 1 } });
  if (!part) throw new AppHttpError(HttpStatus.BAD_REQUEST, 'FILE_REQUIRED', '请选择要上传的文件');
  try {
    const bytes = await part.toBuffer();
    if (part.file.truncated) throw new AppHttpError(HttpStatus.PAYLOAD_TOO_LARGE, 'FILE_TOO_LARGE', '图片不能超过 512 KB');
    return bytes;
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppHttpError(HttpStatus.PAYLOAD_TOO_LARGE, 'FILE_TOO_LARGE', '图片不能超过 512 KB');
    }
    throw error;
  }
}
