import type { FastifyRequest } from 'fastify';

/** Why a request was refused: the error code, reason key and internal detail, for its one log line. */
export interface RequestOutcome {
  readonly error: string;
  readonly reason: string | undefined;
  readonly detail: string | undefined;
}

const outcomes = new WeakMap<FastifyRequest, RequestOutcome>();

/** Records why `request` was refused, so that the request's single log line carries it. */
export function noteOutcome(request: FastifyRequest, outcome: RequestOutcome): void {
  outcomes.set(request, outcome);
}

/** The refusal recorded for `request`, if any. */
export function outcomeOf(request: FastifyRequest): RequestOutcome | undefined {
  return outcomes.get(request);
}
