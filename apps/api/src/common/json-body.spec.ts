import { JSON_MAX_DEPTH, nestingDepth, verifyJsonBody } from './json-body';

describe('nestingDepth', () => {
  it.each([
    ['1', 0],
    ['{}', 1],
    ['{"a":[1,{"b":[]}]}', 4],
    ['[[[]],[[[]]]]', 4],
    ['{"text":"[[[[{{{{"}', 1],
    ['{"text":"quote \\" then [[[["}', 1],
    ['{"text":"backslash \\\\"}', 1],
  ])('of %s is %i', (json, depth) => {
    expect(nestingDepth(Buffer.from(json))).toBe(depth);
  });
});

describe('verifyJsonBody', () => {
  it('refuses bytes that are not UTF-8 and nesting past the limit, with a 400', () => {
    const check = (body: Buffer) => () => verifyJsonBody(undefined, undefined, body);
    expect(check(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]))).toThrow(expect.objectContaining({ status: 400 }));
    expect(check(Buffer.from('['.repeat(JSON_MAX_DEPTH + 1)))).toThrow(`nested deeper than ${JSON_MAX_DEPTH} levels`);
    expect(check(Buffer.from('['.repeat(JSON_MAX_DEPTH) + ']'.repeat(JSON_MAX_DEPTH)))).not.toThrow();
    expect(check(Buffer.from('{"name":"أذربيجان"}'))).not.toThrow();
  });
});
