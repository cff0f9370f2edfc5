import Table from 'cli-table3';

// Borderless and colourless, like kubectl: readable in a terminal, greppable in a pipe.
const CHARS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: '  ',
};

/** A table for people: one header row, then one line per row, columns padded. */
export function table(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  const t = new Table({ head: [...head], chars: CHARS, style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 } });
  for (const row of rows) t.push(row.map(String));
  return t.toString().split('\n').map((line) => line.trimEnd());
}

/** `2026-11-22 09:15:02Z`: a timestamp short enough for a column, still unambiguous. */
export function when(date: Date | null | undefined): string {
  return date ? `${date.toISOString().slice(0, 19).replace('T', ' ')}Z` : '-';
}

/** Cuts long text for a column, keeping its start. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
