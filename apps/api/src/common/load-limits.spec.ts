import { HttpException } from '@nestjs/common';
import { ConcurrencyLimiter } from './load-limits';

const statusOf = (work: () => unknown): number | undefined => {
  try {
    work();
  } catch (error) {
    return (error as HttpException).getStatus();
  }
  return undefined;
};

describe('ConcurrencyLimiter', () => {
  it('refuses a user beyond their share with 429 and anyone beyond the total with 503, until slots are released', () => {
    const limiter = new ConcurrencyLimiter('exports', { total: 2, perUser: 1 });
    const first = limiter.acquire('ann');
    expect(statusOf(() => limiter.acquire('ann'))).toBe(429);
    const second = limiter.acquire('bob');
    expect(statusOf(() => limiter.acquire('cy'))).toBe(503);
    first();
    first(); // a second release of the same slot frees nothing more
    limiter.acquire('cy');
    expect(statusOf(() => limiter.acquire('ann'))).toBe(503);
    second();
    expect(statusOf(() => limiter.acquire('ann'))).toBeUndefined();
  });

  it('says how long to wait', () => {
    const limiter = new ConcurrencyLimiter('searches', { total: 1, perUser: 1 });
    limiter.acquire('ann');
    try {
      limiter.acquire('ann');
    } catch (error) {
      expect((error as HttpException).getResponse()).toMatchObject({ retryAfter: 2 });
    }
    expect.assertions(1);
  });
});
