// The example Worker as the tests run it: the same `fetch`, `queue` and `EventDedup`, plus what
// the tests need to see. It adds one rule, "record", that matches every event (so that every
// event goes through the same claim → run → settle path as the example's own rules), and counts
// each rule run that succeeded. After each batch it reports to the test's LEDGER service binding
// which messages the consumer acked or retried and which rules ran. It also consumes the
// dead-letter queue, which the example leaves to the dashboard.
import worker, { EventDedup, rules } from "../../../examples/webhook-worker/src/index.js";

export { EventDedup };

const ran = []; // "<event key>/<rule>" of each successful run since the last report

rules.push({ name: "record", when: () => true, run: async () => {} });
for (const rule of rules) {
  const run = rule.run;
  rule.run = async (event, context) => {
    await run(event, context);
    ran.push(`${event.key}/${rule.name}`);
  };
}

export default {
  fetch: worker.fetch,

  async queue(batch, env, ctx) {
    const outcomes = [];
    const keys = (m) => (m.body?.events ?? []).map((e) => e.key);
    const report = (m, outcome) => outcomes.push({ id: m.id, keys: keys(m), outcome, attempts: m.attempts });
    if (batch.queue.endsWith("-dlq")) {
      for (const m of batch.messages) {
        outcomes.push({ id: m.id, keys: keys(m), outcome: "dead-letter", attempts: m.attempts, body: m.body });
        m.ack();
      }
      await env.LEDGER.fetch("http://ledger/", { method: "POST", body: JSON.stringify({ queue: batch.queue, outcomes, ran: [] }) });
      return;
    }
    // The same messages, with ack() and retry() reported on their way to the real ones.
    const messages = batch.messages.map((m) => ({
      id: m.id,
      timestamp: m.timestamp,
      body: m.body,
      attempts: m.attempts,
      ack: () => (report(m, "ack"), m.ack()),
      retry: (options) => (report(m, "retry"), m.retry(options)),
    }));
    let error = null;
    try {
      await worker.queue({ queue: batch.queue, messages, ackAll: () => batch.ackAll(), retryAll: (o) => batch.retryAll(o) }, env, ctx);
    } catch (e) {
      error = String(e?.stack ?? e);
      throw e;
    } finally {
      await env.LEDGER.fetch("http://ledger/", { method: "POST", body: JSON.stringify({ queue: batch.queue, outcomes, ran: ran.splice(0), error }) });
    }
  },
};
