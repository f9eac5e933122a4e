import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';

/** The one error body of the API. */
export class ApiErrorDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Validation failed: name: name must be a string' }) message: string;
  @ApiPropertyOptional({
    description: 'field → message, for react-admin to show on the form',
    example: { name: 'name must be a string' },
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  errors?: Record<string, string>;
}

const bad = () => ApiBadRequestResponse({ type: ApiErrorDto, description: 'invalid input; `errors` names each field' });
const unauthorized = () => ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'no or invalid bearer token' });
const notFound = () => ApiNotFoundResponse({ type: ApiErrorDto, description: 'no record with this id' });
const idParam = () => ApiParam({ name: 'id', format: 'uuid', description: 'a malformed id is a 400' });
const forbidden = () => ApiForbiddenResponse({ type: ApiErrorDto, description: 'needs the editor role' });

export const ApiGetOne = (type: Type) => applyDecorators(idParam(), ApiOkResponse({ type }), bad(), unauthorized(), notFound());

const conflictResponse = (description: string | null) => (description ? [ApiConflictResponse({ type: ApiErrorDto, description })] : []);

/** `conflict`: when the route answers 409 (null: never). */
export const ApiCreate = (type: Type, conflict: string | null = 'a unique field (slug) is taken') =>
  applyDecorators(
    ApiCreatedResponse({ type, description: 'the stored record, as GET returns it' }),
    bad(),
    unauthorized(),
    forbidden(),
    ...conflictResponse(conflict),
  );

export const ApiUpdate = (type: Type, conflict: string | null = 'a unique field (slug) is taken') =>
  applyDecorators(
    idParam(),
    ApiOkResponse({ type, description: 'the stored record, as GET returns it' }),
    bad(),
    unauthorized(),
    forbidden(),
    notFound(),
    ...conflictResponse(conflict),
  );

export const ApiDelete = (type: Type, conflict: string | null = 'still referenced by other records; nothing was deleted') =>
  applyDecorators(
    idParam(),
    ApiOkResponse({ type, description: 'the deleted record' }),
    bad(),
    unauthorized(),
    forbidden(),
    notFound(),
    ...conflictResponse(conflict),
  );
