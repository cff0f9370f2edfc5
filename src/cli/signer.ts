import type { CliDeps } from './cli-deps.ts';

export interface Signer {
  operator: string;
  privateKey: string;
}

/** Who signs for the CLI, or undefined after one line naming what to set. */
export function requireOperator(deps: CliDeps): string | undefined {
  const operator = deps.operator?.trim();
  if (operator) return operator;
  deps.err('no operator identity: set COUNTERSIGN_OPERATOR to your id as the policy names you (e.g. COUNTERSIGN_OPERATOR=erin)');
  return undefined;
}

/** The operator and the CLI channel's private key, or undefined after one line naming what to set. */
export function requireSigner(deps: CliDeps): Signer | undefined {
  const operator = requireOperator(deps);
  if (operator === undefined) return undefined;
  const privateKey = deps.cliPrivateKey?.trim();
  if (!privateKey) {
    deps.err('no CLI signing key: set COUNTERSIGN_CLI_PRIVATE_KEY, or put the private key in the key file <data folder>/keys/cli.key');
    return undefined;
  }
  return { operator, privateKey };
}
