import { ArrayInput, AutocompleteInput, SimpleFormIterator, TextInput, required } from 'react-admin';
import { languageChoices } from './languages';

/**
 * Edits a language → text object held in the form as `[{lang, text}]` rows under `source`
 * (see langMap.ts: the form's defaultValues and transform convert it).
 */
export const LangMapInput = ({ source, label, multiline }: { source: string; label: string; multiline?: boolean }) => (
  <ArrayInput source={source} label={label}>
    <SimpleFormIterator inline disableReordering>
      <AutocompleteInput
        source="lang"
        label="fields.lang"
        choices={languageChoices}
        validate={required()}
        sx={{ width: { xs: '100%', sm: 200 } }}
      />
      <TextInput
        source="text"
        label="fields.text"
        validate={required()}
        multiline={multiline}
        slotProps={{ htmlInput: { dir: 'auto' } }}
        sx={{ width: { xs: '100%', sm: 480 } }}
      />
    </SimpleFormIterator>
  </ArrayInput>
);
