import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, Type, UseInterceptors } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiQuery, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { map, Observable } from 'rxjs';
import { UserCheckedAlongside } from '../auth/user-check';
import { ApiErrorDto } from './api-docs';
import { contentRange, JsonRows, ListSpec, MAX_PAGE_SIZE, Page, totalsExactUpTo } from './list-query';

/** Turns a service's `Page` into the JSON array and `Content-Range` header react-admin expects (and `Next-Cursor` for scripts). */
@Injectable()
export class ContentRangeInterceptor implements NestInterceptor {
  constructor(private readonly resource: string) {}

  intercept(context: ExecutionContext, next: CallHandler<Page<unknown>>): Observable<unknown[] | string> {
    return next.handle().pipe(
      map((page) => {
        const response = context.switchToHttp().getResponse<Response>();
        response.setHeader('Content-Range', contentRange(this.resource, page));
        if (page.totalIsLowerBound) response.setHeader('X-Total-Is-Lower-Bound', 'true');
        if (page.nextCursor) response.setHeader('Next-Cursor', page.nextCursor);
        if (!(page.rows instanceof JsonRows)) return page.rows;
        response.type('application/json');
        return page.rows.json;
      }),
    );
  }
}

/**
 * A ra-data-simple-rest list route: Content-Range header and the OpenAPI description of filter, sort
 * and range. Its user is checked alongside the handler (`UserCheckedAlongside`) unless the handler
 * reads the signed-in user (`usesUser`).
 */
export function ListEndpoint(resource: string, spec: ListSpec, type: Type, filterDescription: string, { usesUser = false } = {}) {
  return applyDecorators(
    UseInterceptors(new ContentRangeInterceptor(resource)),
    // After it, so innermost: Content-Range is set only once the user check has passed.
    ...(usesUser ? [] : [UserCheckedAlongside()]),
    ApiQuery({
      name: 'filter',
      required: false,
      description: `JSON object. ${filterDescription} \`{"id": [...]}\` fetches many. Filters: ${Object.keys(spec.filter).join(', ')}.`,
      example: '{}',
    }),
    ApiQuery({
      name: 'sort',
      required: false,
      description: `JSON ["field", "ASC"|"DESC"]; sortable fields: ${Object.keys(spec.sort).join(', ')}.`,
      example: '["id","ASC"]',
    }),
    ApiQuery({
      name: 'range',
      required: false,
      description: `JSON [start, end], inclusive row offsets, at most ${MAX_PAGE_SIZE} rows (the default is the first ${MAX_PAGE_SIZE}).`,
      example: '[0,24]',
    }),
    ApiQuery({
      name: 'count',
      required: false,
      enum: ['exact'],
      description: `\`exact\`: count every match. Without it the total is exact up to ${totalsExactUpTo()} matches (TOTALS_EXACT_UP_TO); beyond, it is that bound and \`X-Total-Is-Lower-Bound: true\` says so.`,
    }),
    ApiOkResponse({
      type,
      isArray: true,
      headers: {
        'Content-Range': { description: `\`${resource} start-end/total\`, or \`${resource} */total\` for an empty page` },
        'X-Total-Is-Lower-Bound': { description: '`true` when more rows match than the total says (the total is the counting bound)' },
      },
    }),
    ApiBadRequestResponse({ type: ApiErrorDto, description: 'malformed filter, sort or range, an unknown filter or sort field' }),
    ApiUnauthorizedResponse({ type: ApiErrorDto }),
  );
}
