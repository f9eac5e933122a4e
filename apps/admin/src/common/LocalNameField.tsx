import { useLocale, useRecordContext } from 'react-admin';
import { localName } from './localName';

/** The record's name in the UI language (its `names`), else its English name. */
export const LocalNameField = () => {
  const record = useRecordContext();
  const locale = useLocale();
  return record ? <bdi>{localName(record, locale)}</bdi> : null;
};
