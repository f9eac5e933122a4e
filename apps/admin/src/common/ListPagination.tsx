import type { LabelDisplayedRowsArgs } from '@mui/material';
import { Pagination, useListContext, useTranslate, type PaginationProps } from 'react-admin';
import type { BoundedTotalMeta } from '../dataProvider';

const thousands = new Intl.NumberFormat('en-US');

/**
 * react-admin's pagination; for a list whose total the API counted only up to a bound (see
 * `boundedTotalsProvider`), the range reads "1-25 of 10,000+" and next stays on while pages are full.
 */
export const ListPagination = (props: PaginationProps) => {
  const { meta } = useListContext();
  const translate = useTranslate();
  const atLeast = (meta as Partial<BoundedTotalMeta> | undefined)?.totalAtLeast;
  if (typeof atLeast !== 'number') return <Pagination {...props} />;
  // Pagination hands its other props on to MUI's TablePagination, which takes this one.
  const label = {
    labelDisplayedRows: ({ from, to }: LabelDisplayedRowsArgs) =>
      translate('list.range_of_at_least', { offsetBegin: from, offsetEnd: to, total: `${thousands.format(atLeast)}+` }),
  } as PaginationProps;
  return <Pagination {...label} {...props} />;
};
