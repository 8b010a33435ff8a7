import { parseListQuery } from "./solution";

describe("parseListQuery", () => {
  test('"" → all defaults', () => {
    expect(parseListQuery("")).toStrictEqual({ status: null, page: 1, limit: 20, offset: 0 });
  });

  test('"?status=done&page=2&limit=20" → done, page 2, limit 20, offset 20', () => {
    expect(parseListQuery("?status=done&page=2&limit=20")).toStrictEqual({
      status: "done",
      page: 2,
      limit: 20,
      offset: 20,
    });
  });

  test('"page=3&limit=10" (no leading ?) → offset 20', () => {
    expect(parseListQuery("page=3&limit=10")).toStrictEqual({ status: null, page: 3, limit: 10, offset: 20 });
  });

  test('"?limit=500" → limit clamped to 100', () => {
    expect(parseListQuery("?limit=500").limit).toBe(100);
  });

  test('"?page=abc" → page falls back to 1', () => {
    expect(parseListQuery("?page=abc").page).toBe(1);
  });
});
