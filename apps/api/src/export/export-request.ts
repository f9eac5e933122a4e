import { PipeTransform } from '@nestjs/common';
import { FieldErrorsException } from '../common/api-error';
import { ListSpec, parseFilterParam, parseSortParam, Sort } from '../common/list-query';

/** An export's query string: the list's `filter` and `sort` (no `range`: every row), and `bom`. */
export interface ExportRequest<F> {
  filter: F;
  sort: Sort | null;
  /** UTF-8 byte order mark before the header, so that Excel reads Arabic right; `?bom=false` leaves it out. */
  bom: boolean;
}

export class ExportRequestPipe implements PipeTransform<Record<string, unknown> | undefined, ExportRequest<unknown>> {
  constructor(private readonly spec: ListSpec) {}

  transform(query: Record<string, unknown> | undefined): ExportRequest<unknown> {
    const { bom = 'true' } = query ?? {};
    if (bom !== 'true' && bom !== 'false') throw new FieldErrorsException({ bom: 'must be true or false' }, 'Invalid export query');
    return { filter: parseFilterParam(query ?? {}, this.spec.filter), sort: parseSortParam(query ?? {}, this.spec), bom: bom === 'true' };
  }
}
