import { useGetManyAggregate, useLocale } from 'react-admin';
import { localName } from './localName';

/**
 * The name of a referenced record, in the UI language; the requests of all RefNames on a page
 * are batched (one per resource), and `fallback` shows until the record is known.
 */
export const RefName = ({ resource, id, fallback }: { resource: string; id: string | null | undefined; fallback?: string }) => {
  const locale = useLocale();
  // English names come with the rows; other languages need the record's `names`.
  const { data } = useGetManyAggregate(resource, { ids: id ? [id] : [] }, { enabled: Boolean(id) && (locale !== 'en' || !fallback) });
  if (!id) return null;
  const record = data?.[0];
  const text = typeof record?.text === 'string' ? (record.text.length > 60 ? `${record.text.slice(0, 60)}…` : record.text) : '';
  const name = localName(record, locale) || record?.email || text || fallback || id;
  return <bdi>{name}</bdi>;
};
