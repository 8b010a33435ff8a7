import { database } from "serverside:test";
import { type Broker, createBroker } from "./broker";
import { handleDelivery, type Outcome } from "./solution";

const VISIBILITY = 30_000;

function setup(maxAttempts = 3) {
  const broker = createBroker({ visibilityMs: VISIBILITY, now: () => clock.now() });
  return { broker, options: { maxAttempts, now: () => clock.now() } };
}

const body = (account: string, amount: number) => JSON.stringify({ account, amount });
const balance = (id: string) => (database.get("SELECT balance FROM accounts WHERE id = ?", id) as { balance: number }).balance;
const processedIds = () => database.all("SELECT message_id FROM processed_messages ORDER BY message_id").map((r) => (r as { message_id: string }).message_id);

/** Delivers one message (the next, or message `id`); a thrown error counts as "threw". */
async function deliverOne(broker: Broker, options: { maxAttempts: number }, id?: string): Promise<Outcome | "threw" | "none"> {
  const delivery = broker.receive(id);
  if (delivery === undefined) return "none";
  try {
    return await handleDelivery(delivery, options);
  } catch {
    return "threw";
  }
}

/** Delivers until the queue is empty, waiting out visibility timeouts on the virtual clock. */
async function drain(broker: Broker, options: { maxAttempts: number }): Promise<(Outcome | "threw" | "none")[]> {
  const outcomes: (Outcome | "threw" | "none")[] = [];
  for (let i = 0; i < 60; i++) {
    const wait = broker.nextVisibleIn();
    if (wait === null) break;
    if (wait > 0) clock.advance(wait);
    outcomes.push(await deliverOne(broker, options));
  }
  return outcomes;
}

describe("duplicates", () => {
  test("a crash after the commit and before the ack: the redelivery is recognised and acked, not applied again", { description: "The first ack is lost; the message comes back after the visibility timeout." }, async () => {
    const { broker, options } = setup();
    broker.failAcks(1);
    broker.publish("m-7", body("acc-1", 40));
    const outcomes = await drain(broker, options);
    expect({ outcomes, acc1: balance("acc-1"), acks: broker.acks(), pending: broker.pending() }).toEqual({ outcomes: ["threw", "duplicate"], acc1: 140, acks: ["m-7"], pending: 0 });
  });

  test("deduplication survives a restart: it is kept in the database, not in memory", { description: "A message whose id an earlier process already recorded as processed." }, async () => {
    const { broker, options } = setup();
    database.run("INSERT INTO processed_messages (message_id, processed_at) VALUES ('m-old', 1)");
    broker.publish("m-old", body("acc-2", 500));
    const outcome = await deliverOne(broker, options);
    expect({ outcome, acc2: balance("acc-2"), acks: broker.acks() }).toEqual({ outcome: "duplicate", acc2: 50, acks: ["m-old"] });
  });

  test("messages are deduplicated by id, not by content: two deposits with the same body both count", { description: "Two different messages that carry identical bodies." }, async () => {
    const { broker, options } = setup();
    broker.publish("m-a", body("acc-3", 5));
    broker.publish("m-b", body("acc-3", 5));
    const outcomes = await drain(broker, options);
    expect({ outcomes, acc3: balance("acc-3") }).toEqual({ outcomes: ["processed", "processed"], acc3: 10 });
  });

  test("order does not matter: messages received in a scrambled order are each applied once", { description: "Several messages and a duplicate, received newest first." }, async () => {
    const { broker, options } = setup();
    const ids = ["m-1", "m-2", "m-3", "m-4", "m-5"];
    ids.forEach((id, i) => broker.publish(id, body("acc-2", i + 1)));
    broker.publish("m-2", body("acc-2", 2));
    const outcomes = [];
    for (const id of ["m-5", "m-3", "m-2", "m-4", "m-1", "m-2"]) outcomes.push(await deliverOne(broker, options, id));
    expect({ outcomes, acc2: balance("acc-2"), processed: processedIds() }).toEqual({
      outcomes: ["processed", "processed", "processed", "processed", "processed", "duplicate"],
      acc2: 65,
      processed: ids,
    });
  });
});

describe("failures and retries", () => {
  test("a failed attempt leaves no trace: no balance change and no dedupe row, so the retry can succeed", { description: "A withdrawal that fails on its first delivery because the money is not there yet." }, async () => {
    const { broker, options } = setup();
    broker.publish("m-w", body("acc-3", -30));
    const first = await deliverOne(broker, options);
    const after = { acc3: balance("acc-3"), processed: processedIds(), acks: broker.acks().length };
    expect({ first, after }).toEqual({ first: "retry", after: { acc3: 0, processed: [], acks: 0 } });
  });

  test("out of order: a withdrawal delivered before the deposit that funds it succeeds on redelivery", { description: "The deposit is published after the withdrawal; both must end up applied, nothing dead-lettered." }, async () => {
    const { broker, options } = setup(5);
    broker.publish("m-withdraw", body("acc-3", -30));
    broker.publish("m-deposit", body("acc-3", 50));
    const outcomes = await drain(broker, options);
    expect({ outcomes, acc3: balance("acc-3"), dead: broker.deadLetters().length, pending: broker.pending() }).toEqual({
      outcomes: ["retry", "processed", "processed"],
      acc3: 20,
      dead: 0,
      pending: 0,
    });
  });

  test("the ack comes only after the commit", { description: "What the database holds at the moment the broker receives the ack." }, async () => {
    const { broker, options } = setup();
    broker.publish("m-9", body("acc-1", 1));
    const delivery = broker.receive()!;
    const seenAtAck: unknown[] = [];
    const watched = {
      id: delivery.id,
      body: delivery.body,
      attempt: delivery.attempt,
      ack: async () => {
        seenAtAck.push({ acc1: balance("acc-1"), processed: processedIds() });
        return delivery.ack();
      },
      deadLetter: (reason: string) => delivery.deadLetter(reason),
    };
    await handleDelivery(watched, options);
    expect(seenAtAck).toEqual([{ acc1: 101, processed: ["m-9"] }]);
  });
});

describe("poison messages", () => {
  test("a message that keeps failing is dead-lettered on attempt maxAttempts, never acked, and never applied", { description: "A deposit to an account that does not exist, with maxAttempts of 4." }, async () => {
    const { broker, options } = setup(4);
    broker.publish("m-ghost", body("acc-404", 10));
    const outcomes = await drain(broker, options);
    const dead = broker.deadLetters();
    expect({
      outcomes,
      dead: dead.map((d) => ({ id: d.id, attempt: d.attempt, hasReason: d.reason.length > 0 })),
      acks: broker.acks(),
      processed: processedIds(),
    }).toEqual({ outcomes: ["retry", "retry", "retry", "dead-lettered"], dead: [{ id: "m-ghost", attempt: 4, hasReason: true }], acks: [], processed: [] });
  });

  test("a poison message does not hold up the others", { description: "A failing message published first, healthy ones after it." }, async () => {
    const { broker, options } = setup(2);
    broker.publish("m-bad", body("acc-404", 1));
    broker.publish("m-good-1", body("acc-1", 1));
    broker.publish("m-good-2", body("acc-1", 2));
    await drain(broker, options);
    expect({ acc1: balance("acc-1"), acks: broker.acks(), dead: broker.deadLetters().map((d) => d.id) }).toEqual({ acc1: 103, acks: ["m-good-1", "m-good-2"], dead: ["m-bad"] });
  });

  test("a body that cannot be parsed is dead-lettered at once, without retries", { description: "Messages that are not JSON, or lack an account or a whole non-zero amount." }, async () => {
    const { broker, options } = setup(5);
    const bad = ["not json", JSON.stringify({ account: "acc-1" }), JSON.stringify({ account: "acc-1", amount: 1.5 }), JSON.stringify({ amount: 3 }), "null"];
    bad.forEach((b, i) => broker.publish(`m-x${i}`, b));
    const outcomes = await drain(broker, options);
    expect({ outcomes, dead: broker.deadLetters().map((d) => d.attempt), acc1: balance("acc-1") }).toEqual({
      outcomes: ["dead-lettered", "dead-lettered", "dead-lettered", "dead-lettered", "dead-lettered"],
      dead: [1, 1, 1, 1, 1],
      acc1: 100,
    });
  });
});
