import { useMemo, useState } from 'react';
import { Autocomplete, TextField } from '@mui/material';
import { type RaRecord, useGetList, useGetMany } from 'react-admin';

const nameOf = (record: RaRecord | undefined) => String(record?.name ?? record?.title ?? record?.id ?? '');

const useOptions = (resource: string, filter: Record<string, unknown>, ids: string[]) => {
  const [q, setQ] = useState('');
  const { data = [] } = useGetList(resource, {
    pagination: { page: 1, perPage: 25 },
    sort: { field: 'name', order: 'ASC' },
    filter: { ...filter, ...(q ? { q } : {}) },
  });
  const { data: chosen = [] } = useGetMany(resource, { ids }, { enabled: ids.length > 0 });
  const options = useMemo((): RaRecord[] => {
    const byId = new Map<string, RaRecord>();
    for (const record of [...chosen, ...data]) if (record) byId.set(String(record.id), record);
    return [...byId.values()];
  }, [chosen, data]);
  return { options, setQ };
};

/** One record of a resource, searched by name (`q`), outside any react-admin form. */
export const RecordPicker = ({
  resource,
  filter = {},
  value,
  onChange,
  label,
  width = 240,
}: {
  resource: string;
  filter?: Record<string, unknown>;
  value: string | null;
  onChange: (id: string | null) => void;
  label: string;
  width?: number;
}) => {
  const { options, setQ } = useOptions(resource, filter, value ? [value] : []);
  return (
    <Autocomplete
      size="small"
      sx={{ width }}
      options={options}
      value={options.find((o) => String(o.id) === value) ?? null}
      getOptionLabel={nameOf}
      isOptionEqualToValue={(a: RaRecord, b: RaRecord) => a.id === b.id}
      filterOptions={(x) => x}
      onChange={(_, record) => onChange(record ? String(record.id) : null)}
      onInputChange={(_, text, reason) => {
        if (reason === 'input') setQ(text);
        if (reason === 'clear') setQ('');
      }}
      renderInput={(params) => <TextField {...params} label={label} />}
    />
  );
};

/** Several records of a resource (topics), searched by name. */
export const RecordsPicker = ({
  resource,
  value,
  onChange,
  label,
  width = 320,
}: {
  resource: string;
  value: string[];
  onChange: (ids: string[]) => void;
  label: string;
  width?: number;
}) => {
  const { options, setQ } = useOptions(resource, {}, value);
  return (
    <Autocomplete
      multiple
      size="small"
      sx={{ width }}
      options={options}
      value={options.filter((o) => value.includes(String(o.id)))}
      getOptionLabel={nameOf}
      isOptionEqualToValue={(a: RaRecord, b: RaRecord) => a.id === b.id}
      filterOptions={(x) => x}
      onChange={(_, records: RaRecord[]) => onChange(records.map((r) => String(r.id)))}
      onInputChange={(_, text, reason) => {
        if (reason === 'input') setQ(text);
      }}
      renderInput={(params) => <TextField {...params} label={label} />}
    />
  );
};
