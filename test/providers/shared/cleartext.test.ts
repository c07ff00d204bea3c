import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../../src/providers/shared/cleartext';

/** The rule applies to what the URL parser makes of a host, as the factories see it. */
const loopback = (url: string) => isLoopbackHost(new URL(url).hostname);

describe('isLoopbackHost', () => {
  it('is localhost, 127.0.0.0/8 in any IPv4 notation, and [::1]', () => {
    for (const url of [
      'http://localhost',
      'http://LocalHost:1',
      'http://127.0.0.1',
      'http://127.5.6.7',
      'http://127.255.255.255',
      'http://127.1',
      'http://2130706433',
      'http://0x7f000001',
      'http://[::1]',
      'http://[0:0:0:0:0:0:0:1]',
    ]) {
      expect(loopback(url), url).toBe(true);
    }
  });

  it('is nothing else', () => {
    for (const url of [
      'http://128.0.0.1',
      'http://126.255.255.255',
      'http://0.0.0.0',
      'http://10.0.0.1',
      'http://192.0.2.2',
      'http://[::]',
      'http://[::2]',
      'http://[::ffff:127.0.0.1]',
      'http://localhost.',
      // Reserved for this machine (RFC 6761), but Node's resolver may ask DNS for it.
      'http://a.localhost',
      'http://a.b.localhost',
      'http://.localhost',
      'http://a..localhost',
      'http://localhost.example',
      'http://notlocalhost',
      'http://xlocalhost.com',
      'http://127.0.0.1.nip.io',
      'http://my-translator.cognitiveservices.azure.com',
    ]) {
      expect(loopback(url), url).toBe(false);
    }
  });
});
