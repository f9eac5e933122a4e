import { findTextProblem, textProblem } from './text-rules';

describe('textProblem', () => {
  it.each(['plain', 'tab\there', 'line\nbreak', 'Windows\r\nline', 'old Mac\rline', 'أذربيجان', '\u202Bembedded\u202C', '😀 emoji'])(
    'accepts %j',
    (text) => expect(textProblem(text)).toBeUndefined(),
  );

  it.each([
    ['\u0000', 'U+0000 at character 1'],
    ['a\u0007', 'U+0007 at character 2'],
    ['\u001b[31mred', 'U+001B at character 1'],
    ['x\u007f', 'U+007F at character 2'],
    ['\u009b2J', 'U+009B at character 1'],
    ['\u000b', 'U+000B'],
    ['\u000c', 'U+000C'],
  ])('refuses the control character in %j', (text, where) => {
    expect(textProblem(text)).toContain(where);
  });

  it('refuses a lone surrogate, not a pair', () => {
    expect(textProblem('a\ud800b')).toMatch(/lone surrogate U\+D800/);
    expect(textProblem('a\udc00')).toMatch(/lone surrogate U\+DC00/);
    expect(textProblem('\ud83d\ude00')).toBeUndefined();
  });
});

describe('findTextProblem', () => {
  it('names the path of the first bad string, keys included', () => {
    expect(findTextProblem({ name: 'ok', roles: [{ title: 'ok' }, { title: 'b\u0008d' }] })?.[0]).toBe('roles.1.title');
    expect(findTextProblem({ names: { ['a\u001b']: 'x' } })).toEqual(['names.a\u001b', expect.stringMatching(/^has a key that/)]);
    expect(findTextProblem('\u0000')?.[0]).toBe('body');
    expect(findTextProblem({ n: 1, b: true, z: null, s: 'fine' })).toBeUndefined();
  });
});
