import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { RefusalSampler } from '../audit/refusal-sampler.ts';
import { APPROVAL_ROUTE, ApprovalLinkParamsSchema } from './approval-link.ts';
import { decideByEmail } from './decide-by-email.ts';
import { messagePage } from './decision-pages.ts';
import type { EmailApprovalDeps, PageAnswer } from './email-approval-deps.ts';
import { showConfirmation } from './show-confirmation.ts';

// No scripts, no framing, no caching. The URL holds the token, so no referrer leaves the site;
// same-origin rather than no-referrer, under which browsers post the form with `Origin: null`.
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

const FORM_BODY_LIMIT = 16_384;
/** A made-up token is audited at most once a minute per address; the rest are counted. */
const STRANGER_WINDOW_MS = 60_000;

function send(reply: FastifyReply, answer: PageAnswer): FastifyReply {
  return reply.code(answer.status).headers(PAGE_HEADERS).send(answer.html);
}

/**
 * The approval links' pages on Countersign's HTTP server: GET (and the HEAD fastify derives from
 * it) shows a confirmation page and changes nothing; only the page's POST decides.
 */
export function emailApprovalRoutes(deps: EmailApprovalDeps): FastifyPluginAsync {
  return (app) => {
    // The form's body, without adding @fastify/formbody for four fields.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
    });
    const strangers = new RefusalSampler(STRANGER_WINDOW_MS);
    const notFound = { status: 404, html: messagePage('This link is not valid', 'This is not an approval link Countersign sent.') };

    app.get(APPROVAL_ROUTE, async (request, reply) => {
      const params = ApprovalLinkParamsSchema.safeParse(request.params);
      return send(reply, params.success ? await showConfirmation(deps, params.data) : notFound);
    });
    app.post(APPROVAL_ROUTE, async (request, reply) => {
      const params = ApprovalLinkParamsSchema.safeParse(request.params);
      const origin = typeof request.headers.origin === 'string' ? request.headers.origin : undefined;
      const stranger = () => strangers.take(request.ip);
      return send(reply, params.success ? await decideByEmail(deps, params.data, request.body, origin, stranger) : notFound);
    });
    return Promise.resolve();
  };
}
