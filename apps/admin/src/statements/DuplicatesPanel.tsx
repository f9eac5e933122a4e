import { useEffect, useState } from 'react';
import { Box, Button, Card, CardContent, Chip, Typography } from '@mui/material';
import { useCreate, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { readToken } from '../authProvider';

interface Duplicate {
  id: string;
  text: string;
  lang: string;
  actorName: string;
  saidOn: string;
  score: number;
  reason: 'same text' | 'translation' | 'similar wording';
}

/**
 * Statements that may be this one again (same text from another outlet, a translation, similar
 * wording): `GET /api/statements/:id/similar`, each linked as `repeats` in one click.
 */
export const DuplicatesPanel = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [create] = useCreate();
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  const linked = new Set<string>((record?.relations ?? []).map((r: { otherStatementId: string }) => r.otherStatementId));

  useEffect(() => {
    if (!record?.id) return;
    const token = readToken();
    let live = true;
    fetch(`/api/statements/${record.id}/similar`, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
      .then((response) => (response.ok ? response.json() : []))
      .then((rows: Duplicate[]) => live && setDuplicates(rows))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [record?.id, record?.version]);

  if (!record || duplicates.length === 0) return null;
  const link = (duplicate: Duplicate) =>
    create(
      'relations',
      { data: { fromStatementId: record.id, toStatementId: duplicate.id, type: 'repeats' } },
      {
        onSuccess: () => {
          notify('resources.statements.duplicates.linked', { type: 'info' });
          refresh();
        },
        onError: (error) => notify((error as Error)?.message || 'ra.notification.http_error', { type: 'error' }),
      },
    );
  return (
    <Card variant="outlined" sx={{ m: 2 }} data-testid="duplicates">
      <CardContent>
        <Typography variant="subtitle1" component="h2">
          {translate('resources.statements.duplicates.title')}
        </Typography>
        {duplicates.map((duplicate) => (
          <Box key={duplicate.id} sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 1 }}>
            <Chip
              size="small"
              label={`${translate(`resources.statements.duplicates.reasons.${duplicate.reason}`)} · ${duplicate.score.toFixed(2)}`}
            />
            <Typography dir="auto" lang={duplicate.lang} sx={{ flex: 1 }}>
              {duplicate.text}
              <Typography component="span" variant="caption" color="text.secondary">
                {' '}
                — <bdi>{duplicate.actorName}</bdi>, {duplicate.saidOn}
              </Typography>
            </Typography>
            {linked.has(duplicate.id) ? (
              <Chip size="small" color="success" label={translate('resources.statements.duplicates.is_linked')} />
            ) : (
              <Button size="small" variant="outlined" onClick={() => link(duplicate)}>
                {translate('resources.statements.duplicates.link')}
              </Button>
            )}
          </Box>
        ))}
      </CardContent>
    </Card>
  );
};
