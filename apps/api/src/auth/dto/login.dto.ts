import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@stance/common';
import { PASSWORD_MAX_LENGTH } from '../passwords';

export class LoginDto {
  @ApiProperty({ example: 'admin@localhost' }) @IsString() @MaxLength(254) email: string;
  @ApiProperty({ example: 'a long passphrase' }) @IsString() @MaxLength(PASSWORD_MAX_LENGTH) password: string;
}

/** The signed-in user as `/auth/login` and `/auth/me` return it. */
export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'admin@localhost' }) email: string;
  @ApiProperty({ example: 'Administrator' }) name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'send as `Authorization: Bearer <accessToken>`; expires after JWT_EXPIRES_IN' }) accessToken: string;
  @ApiProperty({ type: MeDto }) user: MeDto;
}
