import { database } from "serverside:test";
import { createBroker } from "./broker";
import { handleDelivery } from "./solution";

const options = { maxAttempts: 3, now: () => clock.now() };
const balances = () => database.all("SELECT id, balance FROM accounts ORDER BY id");

describe("handleDelivery", () => {
  test('deposit {"account":"acc-1","amount":25}: acc-1 goes from 100 to 125, the message is acked after that', async () => {
    const broker = createBroker({ visibilityMs: 30_000, now: () => clock.now() });
    broker.publish("m-1", JSON.stringify({ account: "acc-1", amount: 25 }));
    const outcome = await handleDelivery(broker.receive()!, options);
    expect({ outcome, balances: balances(), acks: broker.acks() }).toEqual({
      outcome: "processed",
      balances: [{ id: "acc-1", balance: 125 }, { id: "acc-2", balance: 50 }, { id: "acc-3", balance: 0 }],
      acks: ["m-1"],
    });
  });

  test("the same message delivered twice (the producer retried): applied once, both copies acked", async () => {
    const broker = createBroker({ visibilityMs: 30_000, now: () => clock.now() });
    broker.publish("m-1", JSON.stringify({ account: "acc-2", amount: 10 }));
    broker.publish("m-1", JSON.stringify({ account: "acc-2", amount: 10 }));
    const outcomes = [await handleDelivery(broker.receive()!, options), await handleDelivery(broker.receive()!, options)];
    expect({ outcomes, acc2: balances()[1], acks: broker.acks() }).toEqual({
      outcomes: ["processed", "duplicate"],
      acc2: { id: "acc-2", balance: 60 },
      acks: ["m-1", "m-1"],
    });
  });

  test("withdrawing 80 from acc-3 (balance 0) fails: nothing changes, nothing is acked, the outcome is retry", async () => {
    const broker = createBroker({ visibilityMs: 30_000, now: () => clock.now() });
    broker.publish("m-1", JSON.stringify({ account: "acc-3", amount: -80 }));
    const outcome = await handleDelivery(broker.receive()!, options);
    expect({ outcome, acc3: balances()[2], acks: broker.acks() }).toEqual({ outcome: "retry", acc3: { id: "acc-3", balance: 0 }, acks: [] });
  });
});
