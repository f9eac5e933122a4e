import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';

export const en: TranslationMessages = {
  ...englishMessages,
  resources: {
    statements: {
      name: 'Statement |||| Statements',
      fields: { text: 'Text', saidOn: 'Said on', status: 'Status' },
      statuses: { draft: 'Draft', published: 'Published' },
    },
    actors: {
      name: 'Actor |||| Actors',
      fields: { name: 'Name', kind: 'Kind' },
      kinds: {
        state: 'State',
        government_body: 'Government body',
        person: 'Person',
        armed_group: 'Armed group',
        de_facto_authority: 'De facto authority',
        international_org: 'International organisation',
        other: 'Other',
      },
    },
    sources: {
      name: 'Source |||| Sources',
      fields: { title: 'Title', outlet: 'Outlet' },
    },
    topics: {
      name: 'Topic |||| Topics',
      fields: { name: 'Name', slug: 'Slug' },
    },
    tags: {
      name: 'Tag |||| Tags',
      fields: { name: 'Name', slug: 'Slug' },
    },
    events: {
      name: 'Event |||| Events',
      fields: { name: 'Name', startDate: 'Start date' },
    },
  },
};
