import { loadAll, formatAge, shuffle } from "./solution";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("loadAll keeps the order of ids when the first load is the slowest", async () => {
  const delays: Record<string, number> = { a: 30, b: 10, c: 20 };
  const load = async (id: string) => {
    await sleep(delays[id]);
    return id.toUpperCase();
  };
  expect(await loadAll(["a", "b", "c"], load)).toEqual(["A", "B", "C"]);
});

test("formatAge(created, now) for a post made 5 minutes before now", () => {
  const now = Date.UTC(2024, 6, 1, 12, 0, 0);
  expect(formatAge(now - 5 * 60_000, now)).toBe("5 minutes ago");
});

test("shuffle with a scripted random source gives one exact order", () => {
  const script = [0.1, 0.9];
  let i = 0;
  const random = () => script[i++];
  // i = 2: j = floor(0.1 * 3) = 0 → swap 2 and 0: [c, b, a]; i = 1: j = floor(0.9 * 2) = 1 → no swap
  expect(shuffle(["a", "b", "c"], random)).toEqual(["c", "b", "a"]);
});
