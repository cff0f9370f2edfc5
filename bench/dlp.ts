// DLP scanner against secretlint's recommended preset on 4 KB drafts cut from the labelled
// corpus: throughput, latency, and recall and false positives on the same drafts.
// Part of `npm run bench`; alone: `npx tsx bench/dlp.ts`.
import { fileURLToPath } from 'node:url';
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { FINDING_TYPES } from '../src/dlp/finding-types.ts';
import { scan } from '../src/dlp/scan.ts';
import { loadCorpus, ratio, scoreCorpus, type CorpusDocument, type ReportedSpan } from '../test/fixtures/dlp/score-corpus.ts';
import { ms, quantile } from './stats.ts';

type Print = (label: string, value: string) => void;

const DRAFT_CHARS = 4096;
const ROUNDS = Number(process.env.BENCH_DLP_ROUNDS ?? 60);
const WARMUP_ROUNDS = 5;
// As the audit step runs by default: IP addresses off, so their labels are not counted either.
const DEFAULT_TYPES: ReadonlySet<string> = new Set(Object.keys(FINDING_TYPES).filter((type) => type !== 'ip_address'));
const SECRET_TYPES: ReadonlySet<string> = new Set(Object.entries(FINDING_TYPES).filter(([, spec]) => spec.groups.includes('secret')).map(([type]) => type));

/** Whole corpus documents joined until each draft holds about 4 KB, labels shifted to match. */
function drafts(documents: readonly CorpusDocument[]): CorpusDocument[] {
  const out: CorpusDocument[] = [];
  let current: CorpusDocument | undefined;
  for (const doc of documents) {
    current ??= { id: `draft-${out.length}`, shape: 'mixed', text: '', labels: [], negatives: [] };
    const shift = current.text.length;
    current.text += `${doc.text}\n`;
    current.labels.push(...doc.labels.map((l) => ({ ...l, start: l.start + shift, end: l.end + shift })));
    current.negatives.push(...doc.negatives.map((n) => ({ ...n, start: n.start + shift, end: n.end + shift })));
    if (current.text.length >= DRAFT_CHARS) {
      out.push(current);
      current = undefined;
    }
  }
  return out;
}

type Scanner = (text: string) => Promise<ReportedSpan[]>;

const countersign: Scanner = (text) => Promise.resolve(scan(text));
const secretlint: Scanner = async (text) => {
  const result = await lintSource({
    source: { content: text, filePath: '/draft.md', ext: '.md', contentType: 'text' },
    options: { config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] } },
  });
  return result.messages.map((m) => ({ start: m.range[0], end: m.range[1] }));
};

interface Run {
  perSecond: number;
  p50: number;
  p99: number;
  found: ReportedSpan[][];
}

async function measure(scanner: Scanner, inputs: readonly CorpusDocument[]): Promise<Run> {
  const found = await Promise.all(inputs.map((d) => scanner(d.text)));
  // Warm both the same way, so neither is timed while its code is still being optimised.
  for (let round = 0; round < WARMUP_ROUNDS; round += 1) for (const draft of inputs) await scanner(draft.text);
  const latencies: number[] = [];
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const draft of inputs) {
      const t0 = performance.now();
      await scanner(draft.text);
      latencies.push(performance.now() - t0);
    }
  }
  const elapsed = performance.now() - started;
  return { perSecond: (latencies.length * 1000) / elapsed, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), found };
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

/** Prints throughput, latency, recall and false-positive rate of both scanners, and their ratio. */
export async function dlpBenchmark(print: Print): Promise<void> {
  const inputs = drafts(loadCorpus());
  const size = Math.round(inputs.reduce((n, d) => n + d.text.length, 0) / inputs.length);
  const ours = await measure(countersign, inputs);
  const theirs = await measure(secretlint, inputs);
  print(`DLP scan, ${inputs.length} drafts of ~${size} chars × ${ROUNDS}, Countersign`, `${ours.perSecond.toFixed(0)} drafts/s  p50 ${ms(ours.p50)}  p99 ${ms(ours.p99)}`);
  print('  secretlint, preset-recommend, same drafts', `${theirs.perSecond.toFixed(0)} drafts/s  p50 ${ms(theirs.p50)}  p99 ${ms(theirs.p99)}`);
  print('  ratio Countersign / secretlint drafts/s (aim ≥ 2)', (ours.perSecond / theirs.perSecond).toFixed(1));
  for (const [name, run] of [['Countersign', ours], ['secretlint', theirs]] as const) {
    const all = scoreCorpus(inputs, run.found, DEFAULT_TYPES);
    const secrets = scoreCorpus(inputs, run.found, SECRET_TYPES);
    print(
      `  ${name}: recall (all / secrets), FP rate, precision`,
      `${pct(ratio(all.overlapped, all.labels))} / ${pct(ratio(secrets.overlapped, secrets.labels))}, ${pct(ratio(all.negativesHit, all.negatives))} of ${all.negatives} hard negatives, ${pct(1 - ratio(all.strayFindings, all.findings))}`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await dlpBenchmark((label, value) => console.log(`${label.padEnd(58)} ${value}`));
}
