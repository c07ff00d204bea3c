import { describe, expect, it } from 'vitest';
import {
  createStatusMapper,
  documentStatus,
  INDEX_STATUSES,
  isIndexStatus,
  isSuccess,
  isTerminal,
} from '../../src/index';

describe('IndexStatus', () => {
  it('lists the twelve statuses once each', () => {
    expect(INDEX_STATUSES).toHaveLength(12);
    expect(new Set(INDEX_STATUSES).size).toBe(12);
    expect(Object.isFrozen(INDEX_STATUSES)).toBe(true);
  });

  it('splits terminal from non-terminal exactly as the contract says', () => {
    const terminal = INDEX_STATUSES.filter(isTerminal);
    expect(terminal).toEqual(['succeeded', 'partial', 'failed', 'cancelled', 'deleted', 'not_found', 'ignored']);
    expect(INDEX_STATUSES.filter((s) => !isTerminal(s))).toEqual([
      'pending',
      'processing',
      'cancelling',
      'deleting',
      'unknown',
    ]);
  });

  it('counts only succeeded as success', () => {
    expect(INDEX_STATUSES.filter(isSuccess)).toEqual(['succeeded']);
  });

  it('recognises statuses and nothing else', () => {
    expect(isIndexStatus('pending')).toBe(true);
    expect(isIndexStatus('PENDING')).toBe(false);
    expect(isIndexStatus(3)).toBe(false);
  });

  it('maps raw values exactly and unknown wire values to unknown', () => {
    const map = createStatusMapper<'A' | 'B'>({ A: 'pending', B: 'succeeded' });
    expect(map('A')).toBe('pending');
    expect(map('B')).toBe('succeeded');
    expect(map('a')).toBe('unknown');
    expect(map('toString')).toBe('unknown');
    expect(map(undefined)).toBe('unknown');
    expect(map(42)).toBe('unknown');
  });

  it('builds DocumentStatus values whose terminal flag always follows their status', () => {
    for (const status of INDEX_STATUSES) {
      const built = documentStatus({ provider: 'naver', id: 'a', status, providerStatus: 'X', raw: null });
      expect(built).toEqual({
        provider: 'naver',
        id: 'a',
        status,
        providerStatus: 'X',
        raw: null,
        terminal: isTerminal(status),
      });
    }
  });

  it('keeps the optional fields an adapter author passes along, and nothing else changes', () => {
    const updatedAt = new Date(0);
    const steps = [{ name: 'parse', failed: true }];
    const built = documentStatus({
      provider: 'naver',
      id: 'a',
      status: 'failed',
      providerStatus: 'FAIL',
      raw: { x: 1 },
      failure: { code: 'E1', message: 'bad' },
      progress: 0.5,
      updatedAt,
      steps,
    });
    expect(built).toStrictEqual({
      provider: 'naver',
      id: 'a',
      status: 'failed',
      providerStatus: 'FAIL',
      raw: { x: 1 },
      terminal: true,
      failure: { code: 'E1', message: 'bad' },
      progress: 0.5,
      updatedAt,
      steps,
    });
    expect(built.updatedAt).toBe(updatedAt);
    expect(built.steps).toBe(steps);
    expect(
      Object.keys(documentStatus({ provider: 'naver', id: 'a', status: 'pending', providerStatus: '', raw: 1 })),
    ).toEqual(['provider', 'id', 'status', 'providerStatus', 'raw', 'terminal']);
  });
});
