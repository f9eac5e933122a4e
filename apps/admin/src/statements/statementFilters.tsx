import { AutocompleteInput, BooleanInput, DateInput, ReferenceInput, SearchInput, SelectInput } from 'react-admin';
import { STATEMENT_KINDS, STATUSES } from '@stance/common';
import { languageChoices } from '../common/languages';
import { stanceChoices } from '../common/stance';

const byName = (q: string) => ({ q });
export const statusChoices = STATUSES.map((id) => ({ id, name: `resources.statements.statuses.${id}` }));
export const kindChoices = STATEMENT_KINDS.map((id) => ({ id, name: `resources.statements.kinds.${id}` }));

/** The contract's statement filters; `actorId` includes the actor's whole subtree on the server. */
export const statementFilters = [
  <SearchInput key="q" source="q" alwaysOn slotProps={{ htmlInput: { dir: 'auto' } }} />,
  <ReferenceInput key="actorId" source="actorId" reference="actors" alwaysOn>
    <AutocompleteInput label="resources.statements.fields.actorId" filterToQuery={byName} sx={{ width: 260 }} />
  </ReferenceInput>,
  <ReferenceInput key="speakerId" source="speakerId" reference="actors" filter={{ kind: 'person' }}>
    <AutocompleteInput label="resources.statements.fields.speakerId" filterToQuery={byName} sx={{ width: 260 }} />
  </ReferenceInput>,
  <ReferenceInput key="targetActorId" source="targetActorId" reference="actors">
    <AutocompleteInput label="resources.statements.fields.targetActorId" filterToQuery={byName} sx={{ width: 260 }} />
  </ReferenceInput>,
  <ReferenceInput key="targetTopicId" source="targetTopicId" reference="topics">
    <AutocompleteInput label="resources.statements.fields.targetTopicId" filterToQuery={byName} sx={{ width: 260 }} />
  </ReferenceInput>,
  <ReferenceInput key="topicId" source="topicId" reference="topics">
    <AutocompleteInput label="resources.statements.fields.topicId" filterToQuery={byName} sx={{ width: 260 }} />
  </ReferenceInput>,
  <ReferenceInput key="tagId" source="tagId" reference="tags">
    <AutocompleteInput label="resources.statements.fields.tagId" filterToQuery={byName} sx={{ width: 260 }} />
  </ReferenceInput>,
  <ReferenceInput key="eventId" source="eventId" reference="events">
    <AutocompleteInput label="resources.statements.fields.eventId" filterToQuery={byName} sx={{ width: 260 }} />
  </ReferenceInput>,
  <ReferenceInput key="sourceId" source="sourceId" reference="sources">
    <AutocompleteInput label="resources.statements.fields.sourceId" filterToQuery={byName} sx={{ width: 260 }} />
  </ReferenceInput>,
  <SelectInput key="stance.min" source="stance.min" label="resources.statements.filters.stanceMin" choices={stanceChoices} />,
  <SelectInput key="stance.max" source="stance.max" label="resources.statements.filters.stanceMax" choices={stanceChoices} />,
  <DateInput key="saidFrom" source="saidFrom" label="resources.statements.filters.saidFrom" />,
  <DateInput key="saidTo" source="saidTo" label="resources.statements.filters.saidTo" />,
  <SelectInput key="lang" source="lang" label="resources.statements.fields.lang" choices={languageChoices} />,
  <SelectInput key="kind" source="kind" label="resources.statements.fields.kind" choices={kindChoices} />,
  <SelectInput key="status" source="status" label="resources.statements.fields.status" choices={statusChoices} />,
  <BooleanInput key="deleted" source="deleted" label="resources.statements.filters.deleted" />,
  // Set by a board cell's drill-down; shown, so they can be seen and removed.
  <BooleanInput key="actorOnly" source="actorOnly" label="resources.statements.filters.actorOnly" />,
  <BooleanInput key="targetOnly" source="targetOnly" label="resources.statements.filters.targetOnly" />,
];
