/**
 * A tap on the loopback simulator: every answer it sends, as it left, so that
 * tests can hold real simulator answers to the providers' official shapes.
 */
import type { RunningSimulator } from '../../src/testing/index';

/** One answer as it left the simulator. */
export interface WireAnswer {
  operation: string;
  /** The request it answers. */
  url: string;
  status: number;
  headers: Headers;
  body: unknown;
}

/** Records every answer `sim` sends from now on (the array is shared; clear it between checks). */
export function tapAnswers(sim: RunningSimulator): WireAnswer[] {
  const answers: WireAnswer[] = [];
  const handle = sim.handle.bind(sim);
  sim.handle = async (request, signal) => {
    const reply = await handle(request, signal);
    if (reply instanceof Response) {
      const text = await reply.clone().text();
      let body: unknown = text;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        // Not JSON: kept as text, which no model shape accepts.
      }
      answers.push({
        operation: sim.log.entries.at(-1)?.operation ?? '',
        url: request.url,
        status: reply.status,
        headers: reply.headers,
        body,
      });
    }
    return reply;
  };
  return answers;
}
