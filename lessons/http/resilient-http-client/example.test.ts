import { network } from "serverside:test";
import { fetchJson, HttpError } from "./solution";

/** What a call ended with: the value as JSON, or the error's name and status or message. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    return `value ${JSON.stringify(await p)}`;
  } catch (error) {
    if (error instanceof HttpError) return `HttpError ${error.status}`;
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe("fetchJson", () => {
  test("GET returns the parsed JSON body of a 200", async () => {
    network.on("GET https://api.test/users/7", { status: 200, json: { id: 7, name: "Ada" } });
    expect(await outcome(fetchJson("https://api.test/users/7"))).toBe('value {"id":7,"name":"Ada"}');
    expect(network.count()).toBe(1);
  });

  test("a 503 is retried after 200 ms; the second answer is returned", async () => {
    network.on("GET https://api.test/users/7", [{ status: 503 }, { status: 200, json: { id: 7 } }]);
    expect(await outcome(fetchJson("https://api.test/users/7"))).toBe('value {"id":7}');
    // The virtual time of each request: the first at 0 ms, the retry 200 ms later.
    expect(network.requests().map((r) => r.at)).toEqual([0, 200]);
  });

  test("a 404 is final: no retry, HttpError with the status", async () => {
    network.on("GET https://api.test/users/8", { status: 404, json: { title: "Not Found" } });
    expect(await outcome(fetchJson("https://api.test/users/8"))).toBe("HttpError 404");
    expect(network.count()).toBe(1);
  });
});
