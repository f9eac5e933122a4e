import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { IMPORTABLE, importCsv, type Importable } from './api';
import type { ImportResult } from './logic';

/** CSV import of statements, actors, topics or sources: a dry run to check, then the all-or-nothing import, with the server's row errors. */
export const ImportPage = () => {
  const translate = useTranslate();
  const [resource, setResource] = useState<Importable>('statements');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<(ImportResult & { dryRun: boolean }) | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult({ ...(await importCsv(resource, file, dryRun)), dryRun });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('intake.import.title')} />
      <CardContent>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          {translate(`intake.import.help_${resource}`)}
        </Typography>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', my: 2 }}>
          <TextField
            select
            fullWidth={false}
            size="small"
            label={translate('intake.import.what')}
            value={resource}
            onChange={(e) => {
              setResource(e.target.value as Importable);
              setResult(null);
              setError(null);
            }}
            slotProps={{ htmlInput: { 'data-testid': 'intake-import-resource' } }}
            sx={{ minWidth: 180 }}
          >
            {IMPORTABLE.map((id) => (
              <MenuItem key={id} value={id}>
                {translate(`resources.${id}.name`, { smart_count: 2 })}
              </MenuItem>
            ))}
          </TextField>
          <Button variant="outlined" component="label">
            {translate('intake.import.choose')}
            <input
              hidden
              type="file"
              accept=".csv,text/csv"
              data-testid="intake-file"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setResult(null);
                setError(null);
              }}
            />
          </Button>
          <Typography variant="body2" dir="auto">
            {file?.name ?? translate('intake.import.no_file')}
          </Typography>
          <Button variant="outlined" disabled={!file || busy} onClick={() => run(true)}>
            {translate('intake.import.dry_run')}
          </Button>
          <Button variant="contained" disabled={!file || busy} onClick={() => run(false)}>
            {translate('intake.import.import')}
          </Button>
        </Box>
        {error && <Alert severity="error">{error}</Alert>}
        {result && result.errors.length === 0 && (
          <Alert severity="success" data-testid="intake-import-result">
            {translate(result.dryRun ? 'intake.import.checked' : 'intake.import.done', {
              created: result.created,
              updated: result.updated,
            })}
          </Alert>
        )}
        {result && result.errors.length > 0 && (
          <>
            <Alert severity="error" sx={{ mb: 2 }}>
              {translate('intake.import.failed', { smart_count: result.errors.length })}
            </Alert>
            <Table size="small" data-testid="intake-import-errors">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('intake.import.row')}</TableCell>
                  <TableCell>{translate('intake.import.field')}</TableCell>
                  <TableCell>{translate('intake.import.message')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.errors.map((err, index) => (
                  <TableRow key={index}>
                    <TableCell>{err.row}</TableCell>
                    <TableCell>{err.field}</TableCell>
                    <TableCell dir="auto">{err.message}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </CardContent>
    </Card>
  );
};
