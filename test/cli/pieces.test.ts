/**
 * The CLI's parts in process: argument parsing, settings from flags and
 * environment, the text it writes (tables, progress, colour), the simulator's
 * printed command lines. Properties with fast-check where a rule must hold for any
 * input (table width, control characters, shell quoting).
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseDuration, parseInteger } from '../../src/cli/args';
import { resolveProvider, resolveSettings } from '../../src/cli/connect';
import { UsageError } from '../../src/cli/exit';
import { OUTPUT_FLAGS } from '../../src/cli/help';
import { batchExitCode, describeError } from '../../src/cli/outcome';
import { colorEnabled, createPalette } from '../../src/cli/output/color';
import { clock, duration, Tally } from '../../src/cli/output/format';
import { estimateRemainingMs, plainLine, terminalFrame } from '../../src/cli/output/progress';
import { layoutFor, renderTable } from '../../src/cli/output/table';
import { loadTextMetrics, printable, terminalColumns } from '../../src/cli/output/text';
import { PROVIDER_CLI } from '../../src/cli/providers/index';
import { shellQuote } from '../../src/cli/simulate/instructions';
import { DocumentIndexError, type DocumentStatus, type IndexStatus, isTerminal } from '../../src/index';
import { PROVIDER_NAMES } from '../../src/providers/registry';

const doc = (id: string, status: IndexStatus): DocumentStatus => ({
  provider: 'kendra',
  id,
  status,
  providerStatus: status.toUpperCase(),
  terminal: isTerminal(status),
  raw: {},
});

describe('arguments', () => {
  const flags = {
    'index-id': { type: 'string', description: '' },
    json: { type: 'boolean', description: '' },
  } as const;

  it('parses flags and positionals; - is a positional', () => {
    expect(parse(['a', '--index-id', 'x', '-', '--json', '--', '--b'], flags, 'status')).toEqual({
      flags: { 'index-id': 'x', json: true },
      positionals: ['a', '-', '--b'],
    });
  });

  it.each([
    [['--nope'], 'unknown option --nope (docindex status --help lists the options)'],
    [['--index-id'], '--index-id needs a value (docindex status --help lists the options)'],
    [['--json=yes'], '--json takes no value (docindex status --help lists the options)'],
    [
      ['--index-id', '--json'],
      '--index-id needs a value; one that starts with - is written --index-id=VALUE (docindex status --help lists the options)',
    ],
    [
      ['--index-id', '-1'],
      '--index-id needs a value; one that starts with - is written --index-id=VALUE (docindex status --help lists the options)',
    ],
    [
      ['--api-key', 'k'],
      '--api-key: keys are never taken from flags; set them in the environment (docindex status --help lists the variables)',
    ],
    [
      ['--aws-secret-access-key=k'],
      '--aws-secret-access-key: keys are never taken from flags; set them in the environment (docindex status --help lists the variables)',
    ],
    [
      ['--token', 't'],
      '--token: keys are never taken from flags; set them in the environment (docindex status --help lists the variables)',
    ],
  ])('%j: %s', (args, message) => {
    expect(() => parse(args, flags, 'status')).toThrow(new UsageError(message));
  });

  it('a secret-looking word after -- is a positional, not refused', () => {
    expect(parse(['--', '--api-key'], flags, 'status').positionals).toEqual(['--api-key']);
  });

  it('durations: units, a bare number is seconds, nonsense refused', () => {
    expect([
      parseDuration('250ms', 'x'),
      parseDuration('90', 'x'),
      parseDuration('1.5m', 'x'),
      parseDuration('2h', 'x'),
    ]).toEqual([250, 90_000, 90_000, 7_200_000]);
    expect(() => parseDuration('-1s', '--timeout')).toThrow(/--timeout: expected a duration/);
    expect(() => parseDuration('30d', '--timeout')).toThrow(/--timeout: expected a duration/);
    expect(() => parseInteger('1e3', '--page-size', 1, 1000)).toThrow(
      /--page-size: expected a whole number from 1 to 1000/,
    );
  });
});

describe('settings', () => {
  it('every registered provider has its CLI part', () => {
    expect(Object.keys(PROVIDER_CLI).sort()).toEqual([...PROVIDER_NAMES].sort());
  });

  it('a flag wins over its variable; the first set variable wins; an empty variable is unset', () => {
    const { settings, sources } = resolveSettings(
      'azure',
      { 'translation-id': 'from-flag' },
      { AZURE_TRANSLATION_ID: 'from-env', AZURE_TRANSLATOR_ENDPOINT: 'https://e', AZURE_TRANSLATOR_REGION: '' },
    );
    expect(settings.values).toEqual({ translationId: 'from-flag', endpoint: 'https://e' });
    expect(sources.get('translationId')).toBe('--translation-id');
    expect(sources.get('endpoint')).toBe('AZURE_TRANSLATOR_ENDPOINT');
  });

  it('--endpoint sets NAVER base URL; both at once is refused', () => {
    const { settings } = resolveSettings('naver', { endpoint: 'http://sim', 'service-id': 's' }, {});
    expect(settings.values.baseUrl).toBe('http://sim');
    expect(() => resolveSettings('naver', { endpoint: 'a', 'base-url': 'b', 'service-id': 's' }, {})).toThrow(
      '--endpoint and --base-url name the same setting: give one',
    );
  });

  it('keys only from the environment; shared numbers from flag or variable', () => {
    const { settings } = resolveSettings(
      'naver',
      { 'service-id': 's', concurrency: '3' },
      { NAVER_RAG_API_KEY: 'k', DOCINDEX_MAX_ATTEMPTS: '5' },
    );
    expect(settings.secrets).toEqual({ NAVER_RAG_API_KEY: 'k' });
    expect([settings.concurrency, settings.retry]).toEqual([3, { maxAttempts: 5 }]);
    expect(() => resolveSettings('naver', { 'service-id': 's' }, { DOCINDEX_CONCURRENCY: 'many' })).toThrow(
      /^DOCINDEX_CONCURRENCY: expected a whole number/,
    );
  });

  it('the provider from --provider, else DOCINDEX_PROVIDER', () => {
    expect(resolveProvider({ provider: 'naver' }, { DOCINDEX_PROVIDER: 'kendra' })).toBe('naver');
    expect(resolveProvider({}, { DOCINDEX_PROVIDER: 'bedrock' })).toBe('bedrock');
    expect(() => resolveProvider({}, { DOCINDEX_PROVIDER: 'Kendra' })).toThrow(
      'DOCINDEX_PROVIDER: unknown provider "Kendra"',
    );
  });
});

describe('outcomes', () => {
  it('status and wait: 1 for a terminal document that did not succeed or an error; delete: only failed or not found', () => {
    const batch = (...items: DocumentStatus[]) => ({ items, errors: [] });
    expect(batchExitCode(batch(doc('a', 'succeeded'), doc('b', 'processing')), 'status')).toBe(0);
    for (const status of ['failed', 'partial', 'not_found', 'cancelled', 'ignored', 'deleted'] as const) {
      expect(batchExitCode(batch(doc('a', status)), 'status'), status).toBe(1);
    }
    expect(batchExitCode(batch(doc('a', 'deleting'), doc('b', 'deleted')), 'delete')).toBe(0);
    expect(batchExitCode(batch(doc('a', 'not_found')), 'delete')).toBe(1);
    const error = new DocumentIndexError('throttled', 'Slow down.');
    expect(batchExitCode({ items: [], errors: [{ id: 'a', error }] }, 'delete')).toBe(1);
  });

  // The HTTP status and provider code are added unless the message says them already.
  it.each([
    [
      new DocumentIndexError('forbidden', 'Access denied.', {
        provider: 'bedrock',
        httpStatus: 403,
        providerCode: 'AccessDeniedException',
        requestId: 'r-1',
      }),
      'bedrock: forbidden: Access denied. (HTTP 403, AccessDeniedException, request id r-1)',
    ],
    [
      new DocumentIndexError('not_found', 'Azure answered HTTP 404 ResourceNotFound: no translation', {
        provider: 'azure',
        httpStatus: 404,
        providerCode: 'ResourceNotFound',
        requestId: 'r-2',
      }),
      'azure: not_found: Azure answered HTTP 404 ResourceNotFound: no translation (request id r-2)',
    ],
  ])('a provider error names provider, code, HTTP status and request id: %s', (error, line) => {
    expect(describeError(error)).toBe(line);
  });
});

describe('text', () => {
  const palette = createPalette(false);

  it('colour: FORCE_COLOR, then NO_COLOR, then a TTY that is not dumb', () => {
    const tty = { isTTY: true, write: () => true };
    const pipe = { write: () => true };
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled(tty, { TERM: 'dumb' })).toBe(false);
    expect(colorEnabled(pipe, {})).toBe(false);
    expect(colorEnabled(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(colorEnabled(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled(tty, { FORCE_COLOR: 'false' })).toBe(false);
  });

  it('times and durations', () => {
    expect([clock(0), clock(65_000), clock(3_723_000)]).toEqual(['0:00', '1:05', '1:02:03']);
    expect([duration(300), duration(90_000), duration(5_400_000)]).toEqual(['300ms', '1m30s', '1h30m']);
    // `--timeout 1.5s` timed out "after 2s": seconds keep their fraction.
    expect([duration(1500), duration(60_250), duration(3_600_001)]).toEqual(['1.5s', '1m0.25s', '1h0.001s']);
  });

  it('a duration says exactly the milliseconds it was given (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_147_483_647 }), (ms) => {
        const text = duration(ms);
        const parts = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+)ms)?$/.exec(text);
        expect(parts, text).not.toBeNull();
        const [, h = '0', m = '0', s = '0', milli = '0'] = parts ?? [];
        expect(Math.round(Number(h) * 3_600_000 + Number(m) * 60_000 + Number(s) * 1000 + Number(milli))).toBe(ms);
      }),
    );
  });

  it('progress: done/total, percent, counts in lifecycle order, elapsed and an estimate', () => {
    const snapshot = { items: [doc('a', 'succeeded'), doc('b', 'processing'), doc('c', 'failed')], errors: [] };
    const state = { label: 'waiting', done: 2, total: 4, snapshot, elapsedMs: 10_000 };
    expect(plainLine(state, palette)).toBe(
      'waiting: 2/4 done (50%) · processing 1 · succeeded 1 · failed 1 · 0:10 elapsed · ~0:10 left',
    );
    expect(terminalFrame(state, palette, 80)).toBe(
      `waiting ${'█'.repeat(16)}${'░'.repeat(16)} 2/4  50%  0:10 elapsed · ~0:10 left\n  processing 1 · succeeded 1 · failed 1`,
    );
    expect(estimateRemainingMs(0, 4, 1000)).toBeUndefined();
    expect(estimateRemainingMs(4, 4, 1000)).toBeUndefined();
    // Half done within the first poll's second says nothing of the pace: no `~0:00 left`.
    expect(estimateRemainingMs(1, 2, 800)).toBeUndefined();
    expect(estimateRemainingMs(1, 2, 6000)).toBe(6000);
    // No estimate yet: a frame redrawn in place keeps its place for it, a log line leaves it out.
    const early = { label: 'waiting', done: 1, total: 2, elapsedMs: 1000 };
    expect(plainLine(early, palette)).toBe('waiting: 1/2 done (50%) · 0:01 elapsed');
    expect(terminalFrame(early, palette, 80)).toMatch(/ 0:01 elapsed · ~\?:\?\? left$/);
  });

  it('a progress state without a snapshot shows no counts, and a stopped one no time left', () => {
    const state = { label: 'checking', done: 12, total: 13, elapsedMs: 10_000 };
    expect(plainLine(state, palette)).toBe('checking: 12/13 done (92%) · 0:10 elapsed · ~0:01 left');
    // One line on a terminal: no counts below the bar.
    expect(terminalFrame(state, palette, 80)).toMatch(/^checking [█░]+ 12\/13 {2}92% {2}0:10 elapsed · ~0:01 left$/);
    // Stopped short of the total (a document refused, a failure): what is left will not be done.
    const snapshot = { items: [doc('a', 'pending')], errors: [] };
    expect(plainLine({ ...state, label: 'sending', done: 1, snapshot, stopped: true }, palette)).toBe(
      'sending:  1/13 done (7%) · pending 1 · 0:10 elapsed',
    );
  });

  it('the first progress line fits any terminal of 70 columns or more', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 70, max: 300 }),
        (done, extra, columns) => {
          const total = done + extra;
          const state = { label: 'waiting', done, total, snapshot: { items: [], errors: [] }, elapsedMs: 1000 };
          const [first] = terminalFrame(state, palette, columns).split('\n');
          expect([...(first ?? '')].length).toBeLessThanOrEqual(columns);
        },
      ),
    );
  });

  it("a terminal width: the stream's, else COLUMNS when the terminal reports none, else none", () => {
    expect(terminalColumns({ columns: 120 }, { COLUMNS: '40' })).toBe(120);
    expect(terminalColumns({ columns: 0 }, { COLUMNS: '40' })).toBe(40);
    expect(terminalColumns({ columns: 0 }, { COLUMNS: 'wide' })).toBeUndefined();
    expect(terminalColumns({}, {})).toBeUndefined();
  });

  it('printable text holds no control character, and text without one is unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the property is about them
        expect(printable(text)).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the property is about them
        if (!/[\x00-\x1f\x7f-\x9f]/.test(text)) expect(printable(text)).toBe(text);
      }),
    );
  });

  it('never cuts an id, and every line of cells fits the terminal (wide characters included)', async () => {
    const metrics = await loadTextMetrics();
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '-', '/', '한', '文', '😀', 'é', '\t'), maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ id: cell, detail: cell }), { minLength: 1, maxLength: 5, size: 'large' }),
        fc.integer({ min: 45, max: 160 }),
        async (rows, columns) => {
          const table = rows.map(({ id, detail }) => ({ id, status: 'failed' as const, raw: 'FAILED', detail }));
          const lines = renderTable(table, {
            metrics,
            palette,
            columns,
            layout: layoutFor(table, metrics, columns),
            header: true,
          });
          // Each row: its line of cells, after a line of its own id when that is wider than the column.
          let at = 1;
          for (const row of table) {
            const id = printable(row.id);
            const first = lines[at] ?? '';
            expect(first.startsWith(id)).toBe(true);
            if (first === id && lines[at + 1]?.startsWith(' ')) at++;
            expect(metrics.width(lines[at] ?? '')).toBeLessThanOrEqual(columns);
            at++;
          }
          expect(at).toBe(lines.length);
        },
      ),
    );
  });

  it('one id wider than the terminal takes a line of its own: the other rows keep their detail', async () => {
    const metrics = await loadTextMetrics();
    const long = `${'x'.repeat(300)}.pdf`;
    const table = [
      { id: 'b.pdf', status: 'failed' as const, raw: 'FAILED', detail: 'DocumentParseError: The PDF is encrypted.' },
      { id: long, status: 'not_found' as const, raw: 'NOT_FOUND', detail: '' },
    ];
    const lines = renderTable(table, {
      metrics,
      palette,
      columns: 100,
      layout: layoutFor(table, metrics, 100),
      header: true,
    });
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+RAW\s+DETAIL$/);
    expect(lines[1]).toMatch(/^b\.pdf\s+failed\s+FAILED\s+DocumentParseError: The PDF is encrypted\.$/);
    expect(lines[2]).toBe(long);
    expect(lines[3]).toMatch(/^\s+not_found\s+NOT_FOUND$/);
    for (const line of [lines[0], lines[1], lines[3]]) expect(metrics.width(line ?? '')).toBeLessThanOrEqual(100);
  });

  it('a later page keeps the columns the header was printed with', async () => {
    const metrics = await loadTextMetrics();
    const first = [{ id: 'faq-01', status: 'pending' as const, raw: 'PENDING', detail: '' }];
    const second = [{ id: 'guide-0002', status: 'processing' as const, raw: 'IN_PROGRESS', detail: 'x' }];
    const layout = layoutFor(first, metrics);
    const options = { metrics, palette, columns: 120, layout, header: true };
    const [header, row1] = renderTable(first, options);
    const later = renderTable(second, { ...options, layout, header: false });
    // The status column starts where the header's does, on every line (the longer id of page 2 on a line of its own).
    const statusAt = (line: string | undefined) => line?.search(/(STATUS|pending|processing)/);
    expect(statusAt(row1)).toBe(statusAt(header));
    expect(later[0]).toBe('guide-0002');
    expect(statusAt(later[1])).toBe(statusAt(header));
  });

  it('a tally sums pages', () => {
    const tally = new Tally().add({ items: [doc('a', 'failed')], errors: [] }).add({
      items: [doc('b', 'succeeded'), doc('c', 'failed')],
      errors: [{ id: 'd', error: new DocumentIndexError('internal', 'x') }],
    });
    expect(tally.total).toBe(4);
    expect(tally.text(palette)).toBe('succeeded 1 · failed 2 · errors 1');
  });
});

describe('the simulator instructions', () => {
  it('quote any word so a POSIX shell reads it back', () => {
    const words = fc.sample(
      fc.string({ minLength: 1, maxLength: 12 }).filter((word) => !word.includes('\0')),
      60,
    );
    words.push("it's", 'a b', '$HOME', '`x`', '"q"', '\\', '*');
    const script = words.map((word) => `printf '%s\\n' ${shellQuote(word)}`).join('\n');
    const echoed = execFileSync('sh', ['-c', script], { encoding: 'utf8' });
    expect(echoed).toBe(words.map((word) => `${word}\n`).join(''));
  });

  it('the help lists --json, --quiet and --help', () => {
    expect(Object.keys(OUTPUT_FLAGS)).toEqual(['json', 'quiet', 'help']);
  });
});
