import { Box } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Arrow } from './Arrow';

const shown = (value: unknown): string =>
  value === null || value === undefined || value === '' ? '∅' : typeof value === 'string' ? value : JSON.stringify(value);

/** One line per changed field of an audit entry: its label, then before → after (the arrow follows the reading direction). */
export const ChangeList = ({ changes, resource }: { changes: Record<string, unknown> | null | undefined; resource: string }) => {
  const translate = useTranslate();
  return (
    <Box component="ul" sx={{ m: 0, paddingInlineStart: 2, fontSize: '0.85rem', overflowWrap: 'anywhere' }}>
      {Object.entries(changes ?? {}).map(([field, pair]) => (
        <li key={field} data-field={field}>
          <strong>{translate(`resources.${resource}.fields.${field}`, { _: field })}</strong>:{' '}
          <bdi dir="auto">{shown(Array.isArray(pair) ? pair[0] : undefined)}</bdi>
          <Arrow />
          <bdi dir="auto">{shown(Array.isArray(pair) ? pair[1] : pair)}</bdi>
        </li>
      ))}
    </Box>
  );
};
