import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '@stance/common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../auth/passwords';
import { ReadOnly } from '../../common/validators';
import { canonicalEmail } from '../canonical-email';

/** The same rule as the `users.email` CHECK: something@somewhere (`admin@localhost` included). */
const EMAIL = /^[^@\s]+@[^@\s]+$/;
const normaliseEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? canonicalEmail(value) : value);

/** A user as the API returns it: never the password or its hash. */
export class UserDto {
  @ApiProperty({ format: 'uuid', readOnly: true }) id: string;
  @ApiProperty({ example: 'editor@example.org' }) email: string;
  @ApiProperty({ example: 'Lena Editor' }) name: string;
  @ApiProperty({ enum: ROLES, description: 'analyst reads and exports; editor also writes content; admin also manages users' })
  role: Role;
  @ApiProperty({ description: 'a disabled user cannot sign in, and their tokens stop working at once' }) disabled: boolean;
  @ApiProperty({ format: 'date-time', readOnly: true }) createdAt: Date;
  @ApiProperty({ format: 'date-time', readOnly: true }) updatedAt: Date;
}

export class CreateUserDto {
  @ApiProperty({
    example: 'editor@example.org',
    description: 'unique in its canonical form (trimmed, NFKC, lower-cased), which is how it is stored and how sign-in finds it',
  })
  @Transform(normaliseEmail)
  @IsString()
  @Matches(EMAIL, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;
  @ApiPropertyOptional({ example: 'Lena Editor', maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` }) role: Role;
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, writeOnly: true })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must have at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() disabled?: boolean;
}

/**
 * The record as GET returned it, changed (read-only fields are ignored). `password` sets a new
 * password; absent, null or empty leaves it as it is (a form's empty password field).
 */
export class UpdateUserDto {
  @ReadOnly({ format: 'uuid' }) id?: string;
  @ApiPropertyOptional({ example: 'editor@example.org' })
  @IsOptional()
  @Transform(normaliseEmail)
  @IsString()
  @Matches(EMAIL, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` }) role?: Role;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() disabled?: boolean;
  @ApiPropertyOptional({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, writeOnly: true, nullable: true })
  @ValidateIf((_, value) => value !== undefined && value !== null && value !== '')
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must have at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string | null;
  @ReadOnly({ format: 'date-time' }) createdAt?: Date;
  @ReadOnly({ format: 'date-time' }) updatedAt?: Date;
}

export interface UserFilter {
  id?: string[];
  q?: string;
  role?: Role[];
  disabled?: boolean;
}
