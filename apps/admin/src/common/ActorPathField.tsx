import { Typography } from '@mui/material';
import { useGetManyAggregate, useLocale, useRecordContext } from 'react-admin';
import { RefName } from './RefName';

type PathItem = string | { id?: string; name: string };

/** `Azerbaijan › Ministry of Defence`: the API gives a path as names or as `{id, name}`. */
export const pathNames = (path: PathItem[] | null | undefined): string[] =>
  (path ?? []).map((item) => (typeof item === 'string' ? item : item.name));

/**
 * An actor's path from the top of the hierarchy. The rows carry English names; in another UI
 * language each step is named from its actor's `names` (the actor's path gives the ids).
 */
export const ActorPathField = ({
  source = 'actorPath',
  fallback = 'actorName',
  idSource = 'actorId',
}: {
  source?: string;
  fallback?: string;
  idSource?: string;
}) => {
  const record = useRecordContext();
  const locale = useLocale();
  const actorId = record?.[idSource] as string | undefined;
  const localised = locale !== 'en' && Boolean(actorId);
  const { data } = useGetManyAggregate('actors', { ids: actorId ? [actorId] : [] }, { enabled: localised });
  if (!record) return null;
  const names = pathNames(record[source]);
  const shown: PathItem[] = names.length ? names : record[fallback] ? [record[fallback]] : [];
  const path: PathItem[] = localised && Array.isArray(data?.[0]?.path) ? data[0].path : shown;
  return (
    // One isolate with its own direction: a path of Latin names reads left to right inside Arabic text, and the reverse.
    <Typography variant="body2" component="bdi">
      {path.map((item, index) => (
        <span key={index}>
          {index > 0 && ' › '}
          {typeof item === 'object' && item.id ? (
            <RefName resource="actors" id={item.id} fallback={item.name} />
          ) : (
            <bdi>{pathNames([item])[0]}</bdi>
          )}
        </span>
      ))}
    </Typography>
  );
};
