import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type Response } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { FieldErrorsException, flattenValidationErrors } from './common/api-error';
import { JSON_BODY_LIMIT, verifyJsonBody } from './common/json-body';
import { setTotalsExactUpTo } from './common/list-query';
import { trackClient } from './common/request-context';
import { TextRulesPipe } from './common/text-rules';
import { AppConfig } from './config/app-config';
import type { DatabaseChecks } from './database/database-checks';

/**
 * Builds the API exactly as it runs in production; the HTTP tests use the same function.
 * `checks`: what the start found about an external database, reported by `GET /api/health`.
 */
export async function createApp(config: AppConfig, databaseUrl: string, checks?: DatabaseChecks): Promise<INestApplication> {
  setTotalsExactUpTo(config.totalsExactUpTo);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl, checks), {
    logger: loggerLevels(config.logLevel),
    bodyParser: true,
    // A failing start (migrations, a module) is thrown to the caller, which reports it and exits, instead of aborting the process.
    abortOnError: false,
    // On shutdown, requests in flight finish; idle keep-alive sockets are closed by Node itself.
    forceCloseConnections: false,
  });
  app.setGlobalPrefix('api');
  // Registered before Nest's own parser, which then steps aside; a larger body is a 413, a deep or non-UTF-8 one a 400.
  // (express.json itself: Nest's useBodyParser reserves `verify`.)
  app.use(json({ limit: JSON_BODY_LIMIT, verify: verifyJsonBody }));
  // Which X-Forwarded-For hops give the client address (the sign-in limits count per address); by default none.
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'style-src': ["'self'", "'unsafe-inline'"] },
      },
    }),
  );
  // Answers for a signed-in user: a browser may keep them, shared caches may not, and every use
  // revalidates with the ETag Express puts on JSON bodies (a 304 when the page has not changed).
  // Reads of a request whose client has gone are skipped (common/request-context.ts).
  app.use('/api', trackClient);
  app.use('/api', (_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Cache-Control', 'private, no-cache');
    next();
  });
  app.enableCors({
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    exposedHeaders: ['Content-Range', 'X-Total-Is-Lower-Bound', 'Content-Disposition', 'ETag', 'Next-Cursor'],
    credentials: false,
  });
  app.useGlobalPipes(
    new TextRulesPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new FieldErrorsException(flattenValidationErrors(errors)),
    }),
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Stance API')
      .setDescription('Statements and positions of political actors. See the README for the filter vocabulary.')
      .setVersion('1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

function loggerLevels(level: AppConfig['logLevel']) {
  const all = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return all.slice(0, all.indexOf(level) + 1) as unknown as ('error' | 'warn' | 'log' | 'debug' | 'verbose')[];
}
