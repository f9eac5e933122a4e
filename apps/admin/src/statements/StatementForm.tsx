import { type ReactNode, useEffect } from 'react';
import { Box, Typography } from '@mui/material';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  ArrayInput,
  AutocompleteArrayInput,
  AutocompleteInput,
  DateInput,
  FormDataConsumer,
  RadioButtonGroupInput,
  type RaRecord,
  ReferenceArrayInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  required,
  useDataProvider,
  useTranslate,
} from 'react-admin';
import { CHANNELS } from '@stance/common';
import { LangMapInput } from '../common/LangMapInput';
import { StanceSliderInput } from '../common/StanceSliderInput';
import { entriesToLangMap, langMapToEntries, type LangEntry } from '../common/langMap';
import { languageChoices } from '../common/languages';
import { slugify } from '../common/slug';
import { CreateSourceDialog } from './CreateSourceDialog';
import { roleOnDate } from './roleOnDate';
import { kindChoices, statusChoices } from './statementFilters';

const byName = (q: string) => ({ q });
/** Inputs as wide as the names they hold ("Ministry of Defence of Azerbaijan"), the whole row on a phone. */
const WIDE = { width: { xs: '100%', sm: 320, lg: 440 } };
const TARGET = { width: { xs: '100%', sm: 420 } };
const NARROW = { width: { xs: '100%', sm: 200 } };
const targetTypeChoices = [
  { id: 'actor', name: 'resources.statements.fields.targetActorId' },
  { id: 'topic', name: 'resources.statements.fields.targetTopicId' },
];
const channelChoices = CHANNELS.map((id) => ({ id, name: `resources.statements.channels.${id}` }));

/** The form holds translations as `translationList` rows; the API takes an object. */
export const statementFormValues = (record?: Partial<RaRecord>) => ({
  kind: 'quote',
  channel: 'statement',
  status: 'draft',
  stances: [],
  translationList: langMapToEntries(record?.translations),
});

/** A stance row's target is the one of its chosen kind (`targetType`); the other input's leftover value is not sent. */
export const stancePayload = (stance: Partial<RaRecord>) => {
  const type = stance.targetType ?? (stance.targetTopicId && !stance.targetActorId ? 'topic' : 'actor');
  return {
    targetActorId: type === 'actor' ? stance.targetActorId || null : null,
    targetTopicId: type === 'topic' ? stance.targetTopicId || null : null,
    value: Number(stance.value ?? 0),
  };
};

export const statementPayload = ({ translationList, ...data }: RaRecord & { translationList?: LangEntry[] }) => ({
  ...data,
  translations: entriesToLangMap(translationList),
  stances: (data.stances ?? []).map(stancePayload),
});

const Section = ({ label }: { label: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="subtitle2" color="text.secondary" sx={{ mt: 2 }}>
      {translate(label)}
    </Typography>
  );
};

/** Tags and topics can be created from the autocomplete by typing a new name. */
const useCreateNamed = (resource: 'tags' | 'topics') => {
  const dataProvider = useDataProvider();
  return async (name?: string) => {
    if (!name?.trim()) return undefined;
    const { data } = await dataProvider.create(resource, { data: { name: name.trim(), slug: slugify(name) } });
    return data;
  };
};

/** When a speaker or date is chosen and no actor is, fills the actor spoken for from the speaker's role on that date. */
const ActorFromSpeaker = () => {
  const dataProvider = useDataProvider();
  const { getValues, setValue } = useFormContext();
  const [speakerId, saidOn] = useWatch({ name: ['speakerId', 'saidOn'] });
  useEffect(() => {
    if (!speakerId || !saidOn || getValues('actorId')) return;
    let cancelled = false;
    dataProvider
      .getOne('actors', { id: speakerId })
      .then(({ data }) => {
        const role = roleOnDate(data.roles, saidOn);
        if (!cancelled && role && !getValues('actorId')) setValue('actorId', role.actorId, { shouldDirty: true });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [speakerId, saidOn, dataProvider, getValues, setValue]);
  return null;
};

/** `footer` shows between the last input and Save (the edit view's conflict panel). */
export const StatementForm = ({ footer }: { footer?: ReactNode }) => {
  const createTag = useCreateNamed('tags');
  const createTopic = useCreateNamed('topics');
  return (
    <SimpleForm defaultValues={statementFormValues}>
      <ActorFromSpeaker />
      <TextInput source="text" multiline minRows={3} fullWidth validate={required()} slotProps={{ htmlInput: { dir: 'auto' } }} />
      <Box sx={{ display: 'flex', columnGap: 2, flexWrap: 'wrap', width: '100%' }}>
        <AutocompleteInput fullWidth={false} sx={NARROW} source="lang" choices={languageChoices} validate={required()} />
        <AutocompleteInput fullWidth={false} sx={NARROW} source="originalLang" choices={languageChoices} />
        <SelectInput fullWidth={false} sx={NARROW} source="kind" choices={kindChoices} validate={required()} />
        <SelectInput fullWidth={false} sx={NARROW} source="channel" choices={channelChoices} />
        <DateInput fullWidth={false} sx={NARROW} source="saidOn" validate={required()} />
        <SelectInput fullWidth={false} sx={NARROW} source="status" choices={statusChoices} />
      </Box>
      <LangMapInput source="translationList" label="resources.statements.fields.translations" multiline />

      <Section label="resources.statements.sections.who" />
      <Box sx={{ display: 'flex', columnGap: 2, flexWrap: 'wrap', width: '100%' }}>
        <ReferenceInput source="speakerId" reference="actors" filter={{ kind: 'person' }}>
          <AutocompleteInput fullWidth={false} filterToQuery={byName} sx={WIDE} />
        </ReferenceInput>
        <ReferenceInput source="actorId" reference="actors">
          <AutocompleteInput fullWidth={false} filterToQuery={byName} sx={WIDE} helperText="resources.statements.helpers.actorId" />
        </ReferenceInput>
      </Box>

      <Section label="resources.statements.sections.where" />
      <Box sx={{ display: 'flex', columnGap: 2, flexWrap: 'wrap', width: '100%' }}>
        <ReferenceInput source="sourceId" reference="sources">
          <AutocompleteInput fullWidth={false} filterToQuery={byName} create={<CreateSourceDialog />} sx={WIDE} />
        </ReferenceInput>
        <ReferenceInput source="eventId" reference="events">
          <AutocompleteInput fullWidth={false} filterToQuery={byName} sx={WIDE} />
        </ReferenceInput>
      </Box>
      <ReferenceArrayInput source="topicIds" reference="topics">
        <AutocompleteArrayInput filterToQuery={byName} onCreate={createTopic} fullWidth />
      </ReferenceArrayInput>
      <ReferenceArrayInput source="tagIds" reference="tags">
        <AutocompleteArrayInput filterToQuery={byName} onCreate={createTag} fullWidth />
      </ReferenceArrayInput>

      <ArrayInput source="stances">
        <SimpleFormIterator inline disableReordering sx={{ '& .RaSimpleFormIterator-inline': { rowGap: 0 } }}>
          <RadioButtonGroupInput
            source="targetType"
            label="resources.statements.fields.targetType"
            choices={targetTypeChoices}
            defaultValue="actor"
            sx={{ width: 'auto' }}
          />
          <FormDataConsumer>
            {({ scopedFormData }) =>
              scopedFormData?.targetType === 'topic' ? (
                <ReferenceInput source="targetTopicId" reference="topics">
                  <AutocompleteInput
                    fullWidth={false}
                    filterToQuery={byName}
                    label="resources.statements.fields.targetTopicId"
                    validate={required()}
                    sx={TARGET}
                  />
                </ReferenceInput>
              ) : (
                <ReferenceInput source="targetActorId" reference="actors">
                  <AutocompleteInput
                    fullWidth={false}
                    filterToQuery={byName}
                    label="resources.statements.fields.targetActorId"
                    validate={required()}
                    sx={TARGET}
                  />
                </ReferenceInput>
              )
            }
          </FormDataConsumer>
          <StanceSliderInput source="value" />
        </SimpleFormIterator>
      </ArrayInput>
      <TextInput source="notes" multiline fullWidth slotProps={{ htmlInput: { dir: 'auto' } }} />
      {footer}
    </SimpleForm>
  );
};
