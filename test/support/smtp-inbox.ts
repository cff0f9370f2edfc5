import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './queries.ts';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** X-Countersign-Action */
  actionId: string;
  /** X-Countersign-Mail: request, reminder-1, closing */
  purpose: string;
  receivedAt: number;
  /** The approve and reject links of the text part. */
  links: { approve?: string; reject?: string };
}

function header(mail: ParsedMail, name: string): string {
  const value = mail.headers.get(name);
  return typeof value === 'string' ? value : '';
}

function addressOf(mail: ParsedMail): string {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address ?? '';
}

/** A real SMTP server (npm smtp-server) on loopback that keeps every mail, parsed by mailparser. */
export async function startSmtpInbox() {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail) => {
          const text = mail.text ?? '';
          mails.push({
            to: addressOf(mail),
            subject: mail.subject ?? '',
            text,
            html: typeof mail.html === 'string' ? mail.html : '',
            actionId: header(mail, 'x-countersign-action'),
            purpose: header(mail, 'x-countersign-mail'),
            receivedAt: Date.now(),
            links: { approve: /^Approve: (\S+)$/m.exec(text)?.[1], reject: /^Reject: +(\S+)$/m.exec(text)?.[1] },
          });
          done();
        })
        .catch((error: unknown) => done(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    /** The mails of one action matching `filter`, once at least `count` have arrived. */
    async waitFor(actionId: string, filter: (m: ReceivedMail) => boolean, count = 1, timeoutMs = 15_000): Promise<ReceivedMail[]> {
      return eventually(() => {
        const found = mails.filter((m) => m.actionId === actionId && filter(m));
        return Promise.resolve(found.length >= count ? found : undefined);
      }, timeoutMs);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpInbox = Awaited<ReturnType<typeof startSmtpInbox>>;
