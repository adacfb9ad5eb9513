/** How figures are written in BENCHMARKS.md: fixed digits, thousands separators, kB, ratios. */

export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** 12345.6 -> "12,346" */
export function int(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}

export function kB(bytes: number, digits = 1): string {
  return Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(digits)} kB` : 'n/a';
}

export function ratio(value: number, base: number, digits = 2): string {
  return Number.isFinite(value) && Number.isFinite(base) && base !== 0 ? `${(value / base).toFixed(digits)}×` : 'n/a';
}
