import { describe, expect, it } from 'vitest';
import { chosenValue, differingFields, formEntry } from './conflict';

const theirs = {
  text: 'Same',
  notes: 'first session',
  topicIds: ['t1', 't2'],
  tagIds: ['g1'],
  translations: { en: 'Hello' },
  stances: [{ targetActorId: 'a1', targetTopicId: null, targetName: 'Armenia', value: -2 }],
  version: 2,
};

describe('edit conflicts', () => {
  it('lists every field that differs, links and translations included, and no others', () => {
    const mine = {
      text: 'Same',
      notes: 'second session',
      topicIds: ['t2', 't1'],
      tagIds: ['g1', 'g2'],
      translations: { en: 'Hello', fr: 'Bonjour' },
      stances: [{ targetActorId: 'a1', targetTopicId: null, value: -1 }],
      version: 1,
    };
    expect(differingFields(mine, theirs)).toEqual(['translations', 'tagIds', 'stances', 'notes']);
  });

  it('ignores the order of ids and the names the API adds', () => {
    const mine = { ...theirs, topicIds: ['t2', 't1'], stances: [{ targetActorId: 'a1', value: -2 }] };
    expect(differingFields(mine, theirs)).toEqual([]);
  });

  it('merges sets of ids, translations and stances, this editor winning on the same key', () => {
    expect(chosenValue('tagIds', 'both', ['g2'], ['g1'])).toEqual(['g1', 'g2']);
    expect(chosenValue('translations', 'both', { en: 'Hi', fr: 'Salut' }, { en: 'Hello', ar: 'مرحبا' })).toEqual({
      en: 'Hi',
      ar: 'مرحبا',
      fr: 'Salut',
    });
    expect(
      chosenValue(
        'stances',
        'both',
        [{ targetActorId: 'a1', value: 1 }],
        [
          { targetActorId: 'a1', value: -2 },
          { targetTopicId: 't1', value: 2 },
        ],
      ),
    ).toEqual([
      { targetActorId: 'a1', value: 1 },
      { targetTopicId: 't1', value: 2 },
    ]);
    expect(chosenValue('notes', 'mine', 'mine', 'theirs')).toBe('mine');
    expect(chosenValue('notes', 'theirs', 'mine', 'theirs')).toBe('theirs');
  });

  it("writes translations and stances back in the form's shape", () => {
    expect(formEntry('translations', { en: 'Hi' })).toEqual(['translationList', [{ lang: 'en', text: 'Hi' }]]);
    expect(formEntry('stances', [{ targetTopicId: 't1', value: 2 }])).toEqual([
      'stances',
      [{ targetType: 'topic', targetActorId: null, targetTopicId: 't1', value: 2 }],
    ]);
  });
});
