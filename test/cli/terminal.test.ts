/**
 * The bin on a terminal: a pseudo-terminal from util-linux `script`, so stdout and
 * stderr are TTYs as in a person's shell. The progress display redraws in place,
 * the result is a table cut to the terminal's width, colour follows NO_COLOR and
 * FORCE_COLOR, and a terminal that reports no size still gets a display.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../src/cli/simulate/instructions';
import { BIN, baseEnv, KENDRA_INDEX, providerArgs, root, TRANSLATION, useSimulator } from './support';

const sim = useSimulator();

/** Runs the bin under `script` on a pseudo-terminal of `size` (`stty` first); resolves with what the terminal got. */
function onTerminal(
  args: string[],
  env: Record<string, string | undefined>,
  size: { cols: number; rows: number },
): Promise<{ code: number | null; screen: string }> {
  const command = `stty cols ${size.cols} rows ${size.rows}; exec ${[process.execPath, BIN, ...args].map(shellQuote).join(' ')}`;
  const merged: Record<string, string | undefined> = { ...baseEnv(), TERM: 'xterm-256color', ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: root, env: merged as NodeJS.ProcessEnv });
  let screen = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    screen += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}

/** Six documents that finish one after another, one failed. */
function seed(): string[] {
  const ids = ['a.pdf', 'b.pdf', 'c.pdf', 'd.pdf', 'e.pdf', 'f.pdf'];
  sim().kendra.putDocuments(
    KENDRA_INDEX,
    ids.map((id, i) => ({
      id,
      status: { statuses: [...Array(i + 1).fill('PROCESSING'), i === 4 ? 'FAILED' : 'INDEXED'] },
      ...(i === 4 && {
        failureCode: 'DocumentParseError',
        failureReason: 'The PDF is encrypted and cannot be read by Kendra.',
      }),
    })),
  );
  return ids;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what is checked
const SGR_COLOUR = /\x1b\[3\dm/;
const UP_AND_ERASE = '\x1b[2K\x1b[1A\x1b[2K';
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what is checked
const strip = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

describe('on a terminal', () => {
  it('wait redraws one progress frame in place, then prints a table', async () => {
    const ids = seed();
    const { args, env } = providerArgs('kendra', sim().url);
    const { code, screen } = await onTerminal(
      ['wait', ...args, ...ids, '--min-delay', '20ms', '--max-delay', '40ms'],
      env,
      {
        cols: 100,
        rows: 30,
      },
    );
    expect(code).toBe(1);
    const frames = screen.split(UP_AND_ERASE);
    // The first frame, then one redraw per poll (every document needs a poll more than the last).
    expect(frames.length).toBeGreaterThanOrEqual(6);
    expect(strip(frames[0] ?? '')).toMatch(
      /^waiting [█░]+ 0\/6 {3}0% {2}\d+:\d\d elapsed · ~\?:\?\? left\r\n {2}processing 6/,
    );
    const last = strip(frames.at(-1) ?? '');
    expect(last).toMatch(/waiting █{32} 6\/6 100% {2}\d+:\d\d elapsed\r\n {2}succeeded 5 · failed 1\r\n/);
    expect(last).toMatch(/ID {5}STATUS {6}RAW {6}DETAIL\r\na\.pdf {2}succeeded {3}INDEXED\r\n/);
    expect(last).toContain(
      'e.pdf  failed      FAILED   DocumentParseError: The PDF is encrypted and cannot be read by Kendra.',
    );
    expect(screen).not.toMatch(SGR_COLOUR); // NO_COLOR is set by default in these tests
  });

  it('TERM=dumb (a terminal that cannot move its cursor) gets plain progress lines, no cursor movement', async () => {
    const ids = seed().slice(0, 2);
    const { args, env } = providerArgs('kendra', sim().url);
    const { code, screen } = await onTerminal(
      ['wait', ...args, ...ids, '--min-delay', '20ms', '--max-delay', '40ms'],
      { ...env, TERM: 'dumb' },
      { cols: 100, rows: 30 },
    );
    expect(code).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: cursor movement and hiding are what is checked
    expect(screen).not.toMatch(/\x1b\[(\d*[ABCDK]|\?25[hl]|\?2026[hl])/);
    expect(screen).toMatch(/^waiting: 2\/2 done \(100%\)/m);
  });

  it('colours on a terminal unless NO_COLOR; FORCE_COLOR wins over NO_COLOR, FORCE_COLOR=0 turns it off', async () => {
    seed();
    const { args, env } = providerArgs('kendra', sim().url);
    const size = { cols: 80, rows: 24 };
    const screen = async (colour: Record<string, string | undefined>) =>
      (await onTerminal(['status', ...args, 'f.pdf'], { ...env, ...colour }, size)).screen;
    expect(await screen({ NO_COLOR: undefined })).toMatch(SGR_COLOUR);
    const plain = await screen({ NO_COLOR: '1' });
    expect(plain).not.toMatch(SGR_COLOUR);
    expect(strip(plain)).toContain('f.pdf  processing  PROCESSING');
    expect(await screen({ NO_COLOR: '1', FORCE_COLOR: '1' })).toMatch(SGR_COLOUR);
    expect(await screen({ NO_COLOR: undefined, FORCE_COLOR: '0' })).not.toMatch(SGR_COLOUR);
  });

  it('cuts the table to a narrow terminal (its width, or COLUMNS where it reports none)', async () => {
    seed();
    sim().kendra.putDocument(KENDRA_INDEX, {
      id: 'x.pdf',
      status: 'FAILED',
      failureCode: 'DocumentParseError',
      failureReason: 'A reason far longer than forty columns of a narrow terminal window.',
    });
    const { args, env } = providerArgs('kendra', sim().url);
    // A terminal 40 wide, and one that reports no width with COLUMNS=40 set.
    for (const [size, extra] of [
      [{ cols: 40, rows: 24 }, {}],
      [{ cols: 0, rows: 0 }, { COLUMNS: '40' }],
    ] as const) {
      const { screen } = await onTerminal(['status', ...args, 'x.pdf', 'a.pdf'], { ...env, ...extra }, size);
      const tableLines = strip(screen)
        .split('\r\n')
        .filter((line) => /^(ID|x\.pdf|a\.pdf) /.test(line));
      expect(tableLines).toHaveLength(3);
      for (const line of tableLines) expect([...line].length).toBeLessThanOrEqual(40);
      expect(tableLines[1]).toMatch(/…$/);
    }
  });

  it('a terminal that reports no size (0 columns, 0 rows) still gets the display, at 80 columns', async () => {
    const ids = seed().slice(0, 2);
    const { args, env } = providerArgs('kendra', sim().url);
    const { code, screen } = await onTerminal(['wait', ...args, ...ids, '--min-delay', '20ms'], env, {
      cols: 0,
      rows: 0,
    });
    expect(code).toBe(0);
    expect(screen).toContain(UP_AND_ERASE);
    expect(strip(screen)).toMatch(/waiting █{32} 2\/2 100%/);
  });

  it('--json on a terminal: NDJSON on stdout, the progress frames beside it on stderr', async () => {
    const ids = seed().slice(0, 1);
    const { args, env } = providerArgs('kendra', sim().url);
    const { screen } = await onTerminal(['wait', ...args, ...ids, '--min-delay', '20ms', '--json'], env, {
      cols: 100,
      rows: 30,
    });
    const json = strip(screen)
      .split('\r\n')
      .filter((line) => line.startsWith('{'));
    expect(json.map((line) => JSON.parse(line).status)).toEqual(['succeeded']);
    expect(strip(screen)).toContain('waiting ');
  });
});

describe('docindex cancel on a terminal', () => {
  it('prints the table first, then what the cancel means', async () => {
    sim().azure.putDocuments(TRANSLATION, [{ id: '00000000-0000-4000-8000-000000000001', status: 'NotStarted' }]);
    const { args, env } = providerArgs('azure', sim().url);
    const { code, screen } = await onTerminal(['cancel', ...args], env, { cols: 120, rows: 20 });
    expect(code).toBe(0);
    const lines = strip(screen).split(/\r?\n/).filter(Boolean);
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+RAW\s+DETAIL/);
    expect(lines[1]).toMatch(new RegExp(`^${TRANSLATION}\\s+cancelled\\s+Cancelled\\s+1 document · cancelled 1`));
    expect(lines[2]).toBe('cancel requested: documents not yet started are cancelled, running ones finish');
  });
});
