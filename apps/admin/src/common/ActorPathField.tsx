import { Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';

type PathItem = string | { id?: string; name: string };

/** `Azerbaijan › Ministry of Defence`: the API gives a path as names or as `{id, name}`. */
export const pathNames = (path: PathItem[] | null | undefined): string[] =>
  (path ?? []).map((item) => (typeof item === 'string' ? item : item.name));

export const ActorPathField = ({ source = 'actorPath', fallback = 'actorName' }: { source?: string; fallback?: string }) => {
  const record = useRecordContext();
  if (!record) return null;
  const names = pathNames(record[source]);
  const shown = names.length ? names : record[fallback] ? [record[fallback]] : [];
  return (
    // One isolate with its own direction: a path of Latin names reads left to right inside Arabic text, and the reverse.
    <Typography variant="body2" component="bdi">
      {shown.map((name, index) => (
        <span key={index}>
          {index > 0 && ' › '}
          <bdi>{name}</bdi>
        </span>
      ))}
    </Typography>
  );
};
