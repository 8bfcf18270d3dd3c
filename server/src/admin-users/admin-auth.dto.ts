import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ADMIN_ROLES, AdminRole } from './admin-user.entity';

export class AdminLoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  username!: string;

  @ApiProperty({ example: 'admin123456' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password!: string;
}

export class AdminResponse {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ADMIN_ROLES }) role!: AdminRole;
}

export class AdminLoginResponse {
  @ApiProperty() token!: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn!: number;
  @ApiProperty({ type: AdminResponse }) admin!: AdminResponse;
}
