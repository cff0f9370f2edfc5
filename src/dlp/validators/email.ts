// RFC 2606 / RFC 6761 names reserved for documentation and testing: no real person behind them.
const DOCUMENTATION_DOMAIN = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$/i;
// `logo@2x.png` is an asset name, not an address.
const FILE_EXTENSION_TLD = /\.(?:png|jpe?g|gif|svg|webp|ico|js|mjs|ts|tsx|jsx|css|json|md|html?|txt|ya?ml|lock|map)$/i;
// SSH remotes (`git@github.com`), no-reply senders and cloud service accounts belong to no one.
const ROLE_LOCAL_PART = /^(?:git|no-?reply|do-?not-?reply|mailer-daemon)$/i;

/** An address at a reserved documentation domain (`alice@example.com`), which is nobody's PII. */
export function isDocumentationEmail(value: string): boolean {
  const at = value.lastIndexOf('@');
  return at >= 0 && DOCUMENTATION_DOMAIN.test(value.slice(at + 1));
}

/** An email match that names no person: documentation domains, asset names, git remotes, no-reply senders. */
export function isImpersonalEmail(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (at < 0) return true;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  return isDocumentationEmail(value) || FILE_EXTENSION_TLD.test(domain) || ROLE_LOCAL_PART.test(local) || /(?:^|\.)noreply\.|\.gserviceaccount\.com$/i.test(domain);
}
