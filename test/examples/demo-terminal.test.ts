/**
 * The demo's terminal (examples/demo/terminal.ts): on a TTY each progress update
 * redraws one line cut to the screen's width, elsewhere it is a plain line.
 */
import { describe, expect, it } from 'vitest';
import { createTerminal, progressText } from '../../examples/demo/terminal';
import type { WaitProgress } from '../../src/index';

const snapshot: WaitProgress = {
  items: [
    { provider: 'kendra', id: 'a', status: 'succeeded', providerStatus: 'INDEXED', raw: {}, terminal: true },
    { provider: 'kendra', id: 'b', status: 'processing', providerStatus: 'PROCESSING', raw: {}, terminal: false },
  ],
  errors: [],
  poll: 1,
  elapsedMs: 10,
  counts: {
    pending: 0,
    processing: 1,
    succeeded: 1,
    partial: 0,
    failed: 0,
    cancelling: 0,
    cancelled: 0,
    deleting: 0,
    deleted: 0,
    not_found: 0,
    ignored: 0,
    unknown: 0,
  },
  done: 1,
  pending: 1,
  total: 2,
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
  const full = `  ${progressText('kendra', snapshot, true)}`;

  it('draws the whole progress line when the width is unknown', () => {
    const { stream, written } = fakeStream(undefined);
    createTerminal(stream).progress('kendra', snapshot);
    expect(drawn(written)).toBe(full);
  });

  it('draws the whole progress line on a terminal that reports 0 columns', () => {
    const { stream, written } = fakeStream(0);
    createTerminal(stream).progress('kendra', snapshot);
    expect(drawn(written)).toBe(full);
  });

  it('cuts the progress line to the width a narrow terminal reports', () => {
    const { stream, written } = fakeStream(30);
    createTerminal(stream).progress('kendra', snapshot);
    expect(drawn(written)).toHaveLength(2 + 27);
    expect(drawn(written).endsWith('…')).toBe(true);
  });

  it('never draws more than an ellipsis on a terminal narrower than the indent', () => {
    const { stream, written } = fakeStream(2);
    createTerminal(stream).progress('kendra', snapshot);
    expect(drawn(written)).toBe('  …');
  });
});
