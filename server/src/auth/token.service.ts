import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { AdminRole } from '../admin-users/admin-user.entity';

export interface AccessClaims {
  sub: string;
  typ: 'member' | 'admin';
  role?: AdminRole;
  usr?: string;
}

/** Issues and checks short-lived access JWTs (HS256 only; `alg: none` and others are refused). */
@Injectable()
export class TokenService {
  /**
   * The HS256 secret as a KeyObject, made once: given a string, jsonwebtoken first tries it as a
   * public key on every call, and that failed attempt cost ~2 ms of CPU per request.
   */
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
  }

  get accessTtlSeconds(): number {
    return this.config.auth.jwtTtlSeconds;
  }

  signAccess(claims: AccessClaims): string {
    return this.jwt.sign(claims, {
      secret: this.key as unknown as string,
      algorithm: 'HS256',
      expiresIn: this.config.auth.jwtTtlSeconds,
    });
  }

  verifyAccess(token: string): AccessClaims | null {
    try {
      const claims = this.jwt.verify<AccessClaims>(token, { secret: this.key as unknown as string, algorithms: ['HS256'] });
      if (typeof claims.sub !== 'string' || (claims.typ !== 'member' && claims.typ !== 'admin')) return null;
      return claims;
    } catch {
      return null;
    }
  }

  /** Opaque refresh tokens: only their hash is stored, so a database leak does not leak sessions. */
  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: TokenService.hashRefresh(token) };
  }

  static hashRefresh(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
