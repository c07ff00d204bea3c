/**
 * Reading the values JSON wire bodies carry, as the services count them: blobs
 * as base64 (their decoded length, and a look at their start) and string
 * lengths in code points (what Smithy's length trait counts).
 */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decoded length of a base64 string, or undefined when it is not base64. */
export function base64Length(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length % 4 !== 0 || !BASE64.test(value)) return undefined;
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  return (value.length / 4) * 3 - padding;
}

/** The first `bytes` bytes of a base64 string, decoded, as UTF-8 text (a cut character reads U+FFFD). */
export function base64Start(value: string, bytes: number): string {
  const head = atob(value.slice(0, Math.ceil(bytes / 3) * 4));
  return new TextDecoder().decode(Uint8Array.from(head.slice(0, bytes), (char) => char.charCodeAt(0)));
}

/** How many code points a string has. */
export function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
