import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { User } from '../users/user.entity';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginFailures } from './login-failures';
import { resolveSigningKey } from './signing-key';

const LOGIN_WINDOW_MS = 60_000;

@Module({
  imports: [
    TypeOrmModule.forFeature([User]),
    JwtModule.registerAsync({
      inject: [DataSource, APP_CONFIG],
      useFactory: async (dataSource: DataSource, config: AppConfig) => ({
        // A KeyObject: given a string, jsonwebtoken first tries it as a PEM public key on every verify
        // and catches the failure, ~0.4 ms of CPU per request (a fifth of the API's own work on a list page).
        secret: createSecretKey(Buffer.from(await resolveSigningKey(dataSource, config))),
        // HS256 only: a token naming another algorithm (`none` included) is refused.
        signOptions: { algorithm: 'HS256', expiresIn: config.jwtExpiresIn as number },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A ceiling on all attempts; failed ones are limited to LOGIN_RATE_LIMIT by LoginFailures.
        throttlers: [{ ttl: LOGIN_WINDOW_MS, limit: Math.max(100, 10 * config.loginRateLimit) }],
        errorMessage: 'Too many sign-in attempts for this email; wait a minute and try again',
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, LoginFailures, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
