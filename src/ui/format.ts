// Number, size, date and duration formats shared by the views, in the interface language (Intl).
// Read inside a component's render, they re-render it when the language changes (locale() reads a signal).
import { locale } from './i18n/i18n';

const cache = new Map<string, Intl.NumberFormat>();

/** A cached Intl.NumberFormat for the current language. */
function numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale()}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale(), options)));
  return f;
}

/** A number in the current language ("1,234.5"; options as Intl.NumberFormat's). */
export const formatNumber = (x: number, options?: Intl.NumberFormatOptions): string => numberFormat(options).format(x);

/** A duration in milliseconds, as the latency lines show it: one decimal under 10 ms, whole above (no grouping, so "1234"). */
export const formatMs = (x: number): string =>
  formatNumber(x, x < 10 ? { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false } : { maximumFractionDigits: 0, useGrouping: false });

/** A size in bytes with decimal units ("0 B", "1.5 MB", "120 kB"); the unit symbols are the same in every language. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '?';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  const digits = n >= 100 || i === 0 ? 0 : 1;
  return `${formatNumber(n, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false })} ${units[i]}`;
}

/** A date and time ("Nov 29, 2026, 9:30 PM" / "2026年11月29日 21:30"). */
export const formatDate = (d: Date | number, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string =>
  new Intl.DateTimeFormat(locale(), options).format(d);

/** A duration in the largest fitting unit, rounded ("45 sec", "3 min", "2 hr" / "45秒", "3分钟", "2小时"). */
export function formatDuration(ms: number): string {
  const s = ms / 1000;
  const [value, unit] = s < 60 ? [s, 'second'] : s < 3600 ? [s / 60, 'minute'] : [s / 3600, 'hour'];
  return formatNumber(Math.round(value), { style: 'unit', unit, unitDisplay: 'short' });
}
