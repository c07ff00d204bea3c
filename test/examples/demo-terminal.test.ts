/**
 * The demo's terminal (examples/demo/terminal.ts): on a TTY each progress update
 * redraws one line cut to the screen's width, elsewhere it is a plain line.
 */
import { describe, expect, it } from 'vitest';
import { createTerminal, progressText } from '../../examples/demo/terminal';
import type { StatusBatch } from '../../src/index';

const snapshot: StatusBatch = {
  items: [
    { provider: 'kendra', id: 'a', status: 'succeeded', providerStatus: 'INDEXED', raw: {}, terminal: true },
    { provider: 'kendra', id: 'b', status: 'processing', providerStatus: 'PROCESSING', raw: {}, terminal: false },
  ],
  errors: [],
};

/** A stream that records what is written, with the TTY's reported width. */
function fakeStream(columns: number | undefined): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY: true, columns, write: (text: string) => written.push(text) > 0 };
  return { stream: stream as unknown as NodeJS.WriteStream, written };
}

/** The progress line as drawn: after the \r and the clear-line sequence. */
function drawn(written: string[]): string {
  return (written.at(-1) as string).replace('\r\x1b[2K', '');
}

describe('the demo terminal', () => {
  const full = `  ${progressText('kendra', snapshot, 2, true)}`;

  it('draws the whole progress line when the width is unknown', () => {
    const { stream, written } = fakeStream(undefined);
    createTerminal(stream).progress('kendra', snapshot, 2);
    expect(drawn(written)).toBe(full);
  });

  it('draws the whole progress line on a terminal that reports 0 columns', () => {
    const { stream, written } = fakeStream(0);
    createTerminal(stream).progress('kendra', snapshot, 2);
    expect(drawn(written)).toBe(full);
  });

  it('cuts the progress line to the width a narrow terminal reports', () => {
    const { stream, written } = fakeStream(30);
    createTerminal(stream).progress('kendra', snapshot, 2);
    expect(drawn(written)).toHaveLength(2 + 27);
    expect(drawn(written).endsWith('…')).toBe(true);
  });

  it('never draws more than an ellipsis on a terminal narrower than the indent', () => {
    const { stream, written } = fakeStream(2);
    createTerminal(stream).progress('kendra', snapshot, 2);
    expect(drawn(written)).toBe('  …');
  });
});
