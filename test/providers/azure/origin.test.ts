import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOnOrigin, originOf } from '../../../src/providers/azure/transport';

const ORIGINS = ['https://res.cognitiveservices.azure.com', 'http://127.0.0.1:4010', 'https://a.b'];

describe('isOnOrigin', () => {
  it('agrees with the URL parser on tricky URLs', () => {
    const origin = 'https://res.cognitiveservices.azure.com';
    const cases: Array<[string, boolean]> = [
      [`${origin}/translator/document/batches/x`, true],
      [`${origin}?a=b`, true],
      [`${origin}`, true],
      ['https://RES.cognitiveservices.azure.com/x', true],
      ['https://res.cognitiveservices.azure.com:443/x', true],
      ['https://res.cognitiveservices.azure.com.evil.example/x', false],
      ['https://res.cognitiveservices.azure.com@evil.example/x', false],
      ['https://res.cognitiveservices.azure.com:444/x', false],
      ['https://res.cognitiveservices.azure.com\\@evil.example/x', true],
      ['http://res.cognitiveservices.azure.com/x', false],
      ['not a url', false],
    ];
    for (const [url, expected] of cases) {
      expect(isOnOrigin(url, origin), url).toBe(expected);
      expect(isOnOrigin(url, origin), url).toBe(originOf(url) === origin);
    }
  });

  it('is the URL parser verdict for any URL built from an origin and a suffix', () => {
    const suffix = fc.string({ unit: fc.constantFrom('/', '?', '#', '@', ':', '\\', '.', 'a', '%', '4', ' ', 'Z') });
    fc.assert(
      fc.property(fc.constantFrom(...ORIGINS), suffix, fc.webUrl(), (origin, tail, other) => {
        for (const url of [origin + tail, other, other + tail]) {
          expect(isOnOrigin(url, origin)).toBe(originOf(url) === origin);
        }
      }),
      { numRuns: 500 },
    );
  });
});
