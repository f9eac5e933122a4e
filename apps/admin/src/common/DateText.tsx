import { useRecordContext } from 'react-admin';
import { useFormat } from './format';

/** A record's date (or moment) in the UI locale; one format for every date of a page. */
export const DateText = ({ source, withTime = false }: { source: string; withTime?: boolean }) => {
  const record = useRecordContext();
  const { date } = useFormat();
  if (!record?.[source]) return null;
  return <bdi>{date(record[source], withTime)}</bdi>;
};
