import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { corpusJsonl, generateCorpus } from '../scripts/generate-dlp-corpus.ts';
import { FINDING_TYPES } from '../src/dlp/finding-types.ts';
import { scan } from '../src/dlp/scan.ts';
import { CORPUS_FILE, loadCorpus, ratio, scoreCorpus } from './fixtures/dlp/score-corpus.ts';

// What the scanner reached on the corpus when these floors were written (exact type and span).
// A rule change that loses recall or precision fails here; raise the floors when they improve.
const RECALL_FLOOR = 1.0;
const PRECISION_FLOOR = 1.0;
const HARD_NEGATIVES_HIT_CEILING = 0;

describe('DLP corpus (test/fixtures/dlp/corpus.jsonl)', () => {
  const documents = loadCorpus();

  it('is exactly what the committed generator writes from its seed, so it holds only fake values', () => {
    assert.equal(readFileSync(CORPUS_FILE, 'utf8'), corpusJsonl(generateCorpus()));
  });

  it('labels every finding type several times, in every shape, next to hard negatives', () => {
    const byType = new Map<string, number>();
    for (const doc of documents) for (const label of doc.labels) byType.set(label.type, (byType.get(label.type) ?? 0) + 1);
    for (const type of Object.keys(FINDING_TYPES)) assert.ok((byType.get(type) ?? 0) >= 3, `${type}: ${byType.get(type) ?? 0} labels`);
    assert.deepEqual([...new Set(documents.map((d) => d.shape))].sort(), ['diff', 'env', 'json', 'log', 'markdown-table', 'pr-body', 'yaml']);
    assert.ok(documents.reduce((n, d) => n + d.negatives.length, 0) >= 300);
  });

  it(`finds at least ${RECALL_FLOOR * 100}% of the labels with exact type and span, at least ${PRECISION_FLOOR * 100}% precision`, () => {
    const score = scoreCorpus(documents, documents.map((d) => scan(d.text, { ipAddresses: true })));
    const recall = ratio(score.exact, score.labels);
    const precision = ratio(score.exactFindings, score.findings);
    assert.ok(recall >= RECALL_FLOOR, `recall ${recall.toFixed(4)}; missed ${JSON.stringify(score.missed.slice(0, 10))}`);
    assert.ok(precision >= PRECISION_FLOOR, `precision ${precision.toFixed(4)}; stray ${JSON.stringify(score.stray.slice(0, 10))}`);
    assert.ok(score.negativesHit <= HARD_NEGATIVES_HIT_CEILING, `${score.negativesHit} hard negatives reported`);
  });
});
