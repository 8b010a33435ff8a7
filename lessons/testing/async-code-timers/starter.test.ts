import { retry } from "./solution";

describe("retry", () => {
  test("resolves with fn's value when the first call succeeds", async () => {
    const value = await retry(async () => "ok");
    expect(value).toBe("ok");
  });

  // Add tests. To see when each call happens, record Date.now() inside fn: time in the sandbox is
  // virtual, so waits take no real time and the timestamps are exact.
});
