import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldErrorsException } from './api-error';
import { isUuid } from './validators';

/** `@Param('id', ParseIdPipe)`: a malformed id is a 400 naming the parameter, never a database error. */
@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (isUuid(value)) return value.toLowerCase();
    const field = metadata.data ?? 'id';
    throw new FieldErrorsException({ [field]: `${field} must be a UUID` });
  }
}
