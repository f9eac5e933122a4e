import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { type ApiErrorBody, fieldErrorCodes } from './api-error';
import { isDatabaseUnavailable, isPoolQueueTimeout, isTimeLimit, mapDatabaseError } from './database-errors';
import { ClientGoneError } from './request-context';

/** Every field error gets its code, wherever it was raised. */
const withCodes = <T extends ApiErrorBody>(body: T): T =>
  body.errors && !Array.isArray(body.errors) && !body.codes ? { ...body, codes: fieldErrorCodes(body.errors) } : body;

/** `Retry-After` of a 503: a full pool or a restarting database is usually a matter of seconds. */
const RETRY_AFTER_SECONDS = 2;

/** The single place where errors become responses; stacks and SQL never leave the server. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    // Nobody is left to answer (see request-context.ts), and nothing went wrong.
    if (exception instanceof ClientGoneError) return;
    const body = withCodes(this.toBody(exception, request));
    if (body.statusCode === 503) this.logger.warn(`${request.method} ${request.url}: ${body.message}`);
    else if (body.statusCode >= 500)
      this.logger.error(`${request.method} ${request.url}: ${String((exception as Error)?.stack ?? exception)}`);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const { retryAfter, ...rest } = body;
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(rest);
  }

  private toBody(exception: unknown, request: Request): ApiErrorBody & { retryAfter?: number } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      if (typeof raw === 'string') return { statusCode: status, message: raw };
      const { message, errors, ...rest } = raw as { message?: string | string[]; errors?: Record<string, string>; error?: string };
      delete rest.error;
      return {
        ...rest,
        statusCode: status,
        message: Array.isArray(message) ? message.join('; ') : (message ?? exception.message),
        ...(errors ? { errors } : {}),
      };
    }
    const driverError = exception instanceof QueryFailedError ? (exception.driverError as object) : exception;
    const mapped = mapDatabaseError(driverError as never, request.method);
    if (mapped) return mapped;
    if (isPoolQueueTimeout(driverError)) {
      const seconds = this.config.databasePool.queueTimeoutMs / 1000;
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        message: `server busy: no database connection free within ${seconds} s; retry`,
        retryAfter: RETRY_AFTER_SECONDS,
      };
    }
    if (isTimeLimit(driverError)) {
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        message: 'server busy: the database work of this request ran past its time limit; retry later or narrow the request',
        retryAfter: RETRY_AFTER_SECONDS,
      };
    }
    if (isDatabaseUnavailable(driverError)) {
      return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, message: 'database unavailable', retryAfter: RETRY_AFTER_SECONDS };
    }
    // body-parser errors (malformed JSON, too large) carry their own status.
    const status = (exception as { status?: number; statusCode?: number })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { statusCode: status, message: (exception as Error).message || 'bad request' };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'internal error' };
  }
}
