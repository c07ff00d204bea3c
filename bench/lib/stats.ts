/** Small statistics and formatting helpers for the benchmark figures. */

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile, `q` in 0..1. NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowValue = sorted[low] as number;
  const highValue = sorted[high] as number;
  return lowValue + (highValue - lowValue) * (position - low);
}

export function ratio(value: number): string {
  return `${value.toFixed(3)}x`;
}

export function ms(value: number, digits = 1): string {
  return `${value.toFixed(digits)} ms`;
}

export function us(valueMs: number): string {
  return `${(valueMs * 1000).toFixed(0)} µs`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

export function integer(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** `+12.3%` style difference of `actual` over `limit`. */
export function over(actual: number, limit: number): string {
  return `${(((actual - limit) / limit) * 100).toFixed(1)}%`;
}
