import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiError } from '../gateway/api-schemas.ts';

// What the router and Node's HTTP parser refuse before any route runs (a bad percent-encoding, a
// path segment past maxParamLength, headers too large), answered in the API's own error shape.

/** Fastify's `frameworkErrors`: the router's refusals (400 bad URL, 414 a path segment too long). */
export function answerFrameworkError(error: Error & { statusCode?: number }, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  const code = status === 414 ? 'request_too_large' : 'request_malformed';
  void reply.code(status).send(apiError(code, `${error.message}; check the request's path`));
}

/** Fastify's `clientErrorHandler`: Node's parser refused the request (431 headers too large, 408, 400). */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'request_too_large', 'the request headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_malformed', 'the request did not arrive in time']
        : [400, 'request_malformed', 'the request is not valid HTTP'];
  const json = JSON.stringify(apiError(code, message));
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
}
