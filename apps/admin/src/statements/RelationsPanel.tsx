import { useState } from 'react';
import { Box, List as MuiList, ListItem, ListItemText, Typography } from '@mui/material';
import {
  AutocompleteInput,
  useChoicesContext,
  ChoicesContextProvider,
  type ChoicesContextValue,
  Form,
  ReferenceInput,
  SelectInput,
  TextInput,
  required,
  useCreate,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  Link,
  SaveButton,
} from 'react-admin';
import { RELATION_TYPES } from '@stance/common';
import { useFormat } from '../common/format';

/** A relation as GET /statements/:id returns it: seen from this statement. */
interface StatementLink {
  id: string;
  type: string;
  direction: 'outgoing' | 'incoming';
  otherStatementId: string;
  otherText: string;
  note: string | null;
}

const typeChoices = RELATION_TYPES.map((id) => ({ id, name: `resources.relations.types.${id}` }));
const byText = (q: string) => ({ q });
/** The other statement: found by its text, never this one, each offered with its actor and date. */
const OtherStatementInput = ({ selfId }: { selfId: unknown }) => {
  const choices = useChoicesContext();
  const others = (choices.allChoices ?? []).filter((choice) => choice.id !== selfId);
  const { date } = useFormat();
  return (
    <ChoicesContextProvider value={{ ...choices, allChoices: others, availableChoices: others } as ChoicesContextValue}>
      <AutocompleteInput
        label="resources.relations.fields.other"
        filterToQuery={byText}
        validate={required()}
        optionText={(statement) =>
          [preview(statement.text), [statement.actorName, date(statement.saidOn)].filter(Boolean).join(' · ')].filter(Boolean).join(' — ')
        }
        sx={{ width: { xs: '100%', sm: 420 } }}
      />
    </ChoicesContextProvider>
  );
};

const preview = (text?: string) => (text && text.length > 90 ? `${text.slice(0, 90)}…` : (text ?? ''));

/** Cross-references of one statement, in both directions, and a form to add one. */
export const RelationsPanel = ({ canAdd = true }: { canAdd?: boolean }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const [create] = useCreate();
  const [formKey, setFormKey] = useState(0);
  const refresh = useRefresh();
  const relations: StatementLink[] = record?.relations ?? [];
  if (!record) return null;

  const onSubmit = (values: Record<string, unknown>) => {
    const outgoing = values.direction !== 'incoming';
    create(
      'relations',
      {
        data: {
          fromStatementId: outgoing ? record.id : values.otherId,
          toStatementId: outgoing ? values.otherId : record.id,
          type: values.type,
          note: values.note || null,
        },
      },
      {
        onSuccess: () => {
          notify('ra.notification.created');
          setFormKey((key) => key + 1);
          refresh();
        },
        onError: (error) => notify((error as Error).message, { type: 'error' }),
      },
    );
  };

  return (
    <Box>
      <MuiList dense>
        {relations.length === 0 && <Typography color="text.secondary">{translate('resources.relations.none')}</Typography>}
        {relations.map((relation) => {
          const outgoing = relation.direction === 'outgoing';
          const otherId = relation.otherStatementId;
          return (
            <ListItem key={relation.id} disableGutters data-testid="relation">
              <ListItemText
                primary={
                  <>
                    {translate(outgoing ? 'resources.relations.this' : 'resources.relations.other')}{' '}
                    <strong>{translate(`resources.relations.types.${relation.type}`)}</strong>{' '}
                    {translate(outgoing ? 'resources.relations.other' : 'resources.relations.this')}:{' '}
                    <Link to={`/statements/${otherId}/show`}>
                      <bdi>{preview(relation.otherText) || otherId}</bdi>
                    </Link>
                  </>
                }
                secondary={relation.note ? <bdi>{relation.note}</bdi> : undefined}
              />
            </ListItem>
          );
        })}
      </MuiList>
      {canAdd && (
        <Form key={formKey} onSubmit={onSubmit} defaultValues={{ direction: 'outgoing', type: 'responds_to' }}>
          <Box
            sx={{
              display: 'flex',
              gap: 2,
              flexWrap: 'wrap',
              alignItems: 'flex-start',
              '& > .MuiFormControl-root, & > .MuiAutocomplete-root': { width: 'auto', minWidth: 200 },
            }}
          >
            <SelectInput
              fullWidth={false}
              source="direction"
              label="resources.relations.fields.direction"
              choices={[
                { id: 'outgoing', name: 'resources.relations.outgoing' },
                { id: 'incoming', name: 'resources.relations.incoming' },
              ]}
              validate={required()}
            />
            <SelectInput
              fullWidth={false}
              source="type"
              label="resources.relations.fields.type"
              choices={typeChoices}
              validate={required()}
            />
            <ReferenceInput source="otherId" reference="statements" filter={{}}>
              <OtherStatementInput selfId={record?.id} />
            </ReferenceInput>
            <TextInput fullWidth={false} source="note" label="resources.relations.fields.note" slotProps={{ htmlInput: { dir: 'auto' } }} />
            <SaveButton label="resources.relations.add" sx={{ mt: 1 }} alwaysEnable />
          </Box>
        </Form>
      )}
    </Box>
  );
};
