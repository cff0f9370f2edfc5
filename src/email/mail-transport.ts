import nodemailer from 'nodemailer';
import { NotifierError } from '../notifiers/notifier-error.ts';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** Where mails go: SMTP in production; an interface so the notifier does not know nodemailer. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

// SMTP reply codes 5xx are permanent (no such mailbox, refused); a retry gets the same answer.
function isPermanent(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'responseCode' in error ? error.responseCode : undefined;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * One SMTP connection pool from SMTP_URL. `send` makes one attempt: a temporary failure (a 4xx,
 * a network error) throws a retryable NotifierError that the activity's retry policy sends
 * again; a 5xx throws a non-retryable one. Messages name the host, never the credentials.
 */
export function createSmtpTransport(smtpUrl: string): MailTransport {
  const host = new URL(smtpUrl).host;
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      try {
        const info = await transporter.sendMail(mail);
        return { messageId: info.messageId };
      } catch (error) {
        const permanent = isPermanent(error);
        const detail = error instanceof Error ? error.message : String(error);
        throw new NotifierError(
          `email notifier: the SMTP server ${host} ${permanent ? 'refused' : 'could not take'} the mail to ${mail.to} (${detail}); ${permanent ? 'check the address in the policy' : 'the activity retries it'}`,
          { retryable: !permanent, cause: error },
        );
      }
    },
    close() {
      transporter.close();
    },
  };
}
