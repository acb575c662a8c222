/** Text from manifests into HTML: control characters made visible, markup characters escaped. */
import { printable } from '../common';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes `text` for HTML element content and double-quoted attributes. */
export function esc(text: string | number): string {
  return printable(String(text)).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

/** `cis:5.1.10` after `cis:5.1.2`: digit runs compare as numbers, so framework lists read in order. */
export function naturalCompare(a: string, b: string): number {
  const split = (s: string) => s.split(/(\d+)/);
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const numeric = i % 2 === 1;
    if (numeric) return Number(x[i]) - Number(y[i]) || (x[i] < y[i] ? -1 : 1);
    return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}
