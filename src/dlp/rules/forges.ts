import type { DlpRule } from '../rule.ts';
import { isPlaceholderSecret } from '../validators/placeholder.ts';

const github = (id: string, prefix: string): DlpRule => ({
  id,
  type: 'github_token',
  keywords: [prefix],
  startsAtKeyword: true,
  pattern: new RegExp(String.raw`(?<![A-Za-z0-9_])${prefix}[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])`, 'g'),
  confidence: 0.95,
  exempt: isPlaceholderSecret,
});

const GITLAB_PREFIXES = ['glpat', 'gldt', 'glrt', 'glcbt', 'gloas', 'glsoat', 'glffct', 'glimt', 'glagent', 'glft'];

/** GitHub and GitLab tokens, each by its documented prefix. */
export const FORGE_RULES: readonly DlpRule[] = [
  github('github-classic-token', 'ghp_'),
  github('github-oauth-token', 'gho_'),
  github('github-user-to-server-token', 'ghu_'),
  github('github-app-installation-token', 'ghs_'),
  github('github-refresh-token', 'ghr_'),
  {
    id: 'github-fine-grained-token',
    type: 'github_token',
    keywords: ['github_pat_'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,255}(?![A-Za-z0-9_])/g,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'gitlab-token',
    type: 'gitlab_token',
    keywords: GITLAB_PREFIXES.map((prefix) => `${prefix}-`),
    startsAtKeyword: true,
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9_-])(?:${GITLAB_PREFIXES.join('|')})-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])`, 'g'),
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'gitlab-pipeline-trigger-token',
    type: 'gitlab_token',
    keywords: ['glptt-'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9_-])glptt-[0-9a-f]{40}(?![A-Za-z0-9_-])/g,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'gitlab-runner-registration-token',
    type: 'gitlab_token',
    keywords: ['gr1348941'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9_-])GR1348941[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/g,
    confidence: 0.9,
    exempt: isPlaceholderSecret,
  },
];
