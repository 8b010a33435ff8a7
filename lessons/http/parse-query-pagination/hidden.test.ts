import { parseListQuery } from "./solution";

describe("page", () => {
  test('"?page=0" → 1 (pages start at 1)', () => {
    expect(parseListQuery("?page=0").page).toBe(1);
  });
  test('"?page=-2" → 1', () => {
    expect(parseListQuery("?page=-2").page).toBe(1);
  });
  test('"?page=1000" → 1000 (the maximum is allowed)', () => {
    expect(parseListQuery("?page=1000").page).toBe(1000);
  });
  test('"?page=1001" → 1000', () => {
    expect(parseListQuery("?page=1001").page).toBe(1000);
  });
  test('"?page=99999999999999999999" → 1000', () => {
    expect(parseListQuery("?page=99999999999999999999").page).toBe(1000);
  });
  test('"?page=007" → 7', () => {
    expect(parseListQuery("?page=007").page).toBe(7);
  });
  test('"?page=2.5" → 1 (not a whole number: default, not 2)', () => {
    expect(parseListQuery("?page=2.5").page).toBe(1);
  });
  test('"?page=" (empty) → 1', () => {
    expect(parseListQuery("?page=").page).toBe(1);
  });
  test('"?page=4abc" → 1 (parseInt would say 4)', () => {
    expect(parseListQuery("?page=4abc").page).toBe(1);
  });
});

describe("limit", () => {
  test('"?limit=100" → 100 (the maximum is allowed)', () => {
    expect(parseListQuery("?limit=100").limit).toBe(100);
  });
  test('"?limit=101" → 100', () => {
    expect(parseListQuery("?limit=101").limit).toBe(100);
  });
  test('"?limit=1" → 1', () => {
    expect(parseListQuery("?limit=1").limit).toBe(1);
  });
  test('"?limit=0" → 1 (clamped up, never a zero-sized page)', () => {
    expect(parseListQuery("?limit=0").limit).toBe(1);
  });
  test('"?limit=-5" → 1', () => {
    expect(parseListQuery("?limit=-5").limit).toBe(1);
  });
  test('"?limit=" (empty) → 20, the default (Number("") would say 0)', () => {
    expect(parseListQuery("?limit=").limit).toBe(20);
  });
  test('"?limit=1e2" → 20 (Number would say 100, parseInt would say 1)', () => {
    expect(parseListQuery("?limit=1e2").limit).toBe(20);
  });
  test('"?limit=0x10" → 20 (Number would say 16)', () => {
    expect(parseListQuery("?limit=0x10").limit).toBe(20);
  });
  test('"?limit=%205" (a space then 5) → 20', () => {
    expect(parseListQuery("?limit=%205").limit).toBe(20);
  });
  test('"?limit=50abc" → 20', () => {
    expect(parseListQuery("?limit=50abc").limit).toBe(20);
  });
  test('"?limit=NaN" → 20', () => {
    expect(parseListQuery("?limit=NaN").limit).toBe(20);
  });
});

describe("offset", () => {
  test('"?page=1&limit=50" → offset 0 (the first page starts at row 0)', () => {
    expect(parseListQuery("?page=1&limit=50").offset).toBe(0);
  });
  test('"?page=4&limit=25" → offset 75', () => {
    expect(parseListQuery("?page=4&limit=25").offset).toBe(75);
  });
  test('"?page=0&limit=10" → offset 0 (computed from the clamped page)', () => {
    expect(parseListQuery("?page=0&limit=10").offset).toBe(0);
  });
  test('"?page=2&limit=500" → offset 100 (computed from the clamped limit)', () => {
    expect(parseListQuery("?page=2&limit=500").offset).toBe(100);
  });
});

describe("status", () => {
  test('"?status=open" → "open"', () => {
    expect(parseListQuery("?status=open").status).toBe("open");
  });
  test('"?status=archived" → null', () => {
    expect(parseListQuery("?status=archived").status).toBe(null);
  });
  test('"?status=DONE" → null (values are case-sensitive)', () => {
    expect(parseListQuery("?status=DONE").status).toBe(null);
  });
  test('"?status=" → null', () => {
    expect(parseListQuery("?status=").status).toBe(null);
  });
  test('"?status=d%6Fne" → "done" (percent-encoding is decoded)', () => {
    expect(parseListQuery("?status=d%6Fne").status).toBe("done");
  });
});

describe("the whole query string", () => {
  test('"?page=2&page=5" → 2 (the first value wins)', () => {
    expect(parseListQuery("?page=2&page=5").page).toBe(2);
  });
  test('"?status=open&status=done" → "open" (the first value wins)', () => {
    expect(parseListQuery("?status=open&status=done").status).toBe("open");
  });
  test('"?sort=title&page=2&q=x" → unknown parameters are ignored', () => {
    expect(parseListQuery("?sort=title&page=2&q=x")).toStrictEqual({ status: null, page: 2, limit: 20, offset: 20 });
  });
  test('"?status=done%26page%3D9" → status is the text "done&page=9" (so null) and page stays 1', () => {
    expect(parseListQuery("?status=done%26page%3D9")).toStrictEqual({ status: null, page: 1, limit: 20, offset: 0 });
  });
  test('"?limit=10&status=open&page=3" → order of parameters does not matter', () => {
    expect(parseListQuery("?limit=10&status=open&page=3")).toStrictEqual({
      status: "open",
      page: 3,
      limit: 10,
      offset: 20,
    });
  });
});

describe("more spellings", () => {
  test('"?status=toString" and "?status=constructor" → null (only the two listed values count)', () => {
    expect(parseListQuery("?status=toString").status).toBe(null);
    expect(parseListQuery("?status=constructor").status).toBe(null);
    expect(parseListQuery("?status=__proto__").status).toBe(null);
  });
  test('"?page=%2B3&limit=%2B5" ("+3" and "+5") → defaults (a plus sign is not in the accepted spelling)', () => {
    expect(parseListQuery("?page=%2B3&limit=%2B5")).toStrictEqual({ status: null, page: 1, limit: 20, offset: 0 });
  });
  test('"?page=17&limit=13&status=done" → offset 208 (any page and limit, not only round numbers)', () => {
    expect(parseListQuery("?page=17&limit=13&status=done")).toStrictEqual({
      status: "done",
      page: 17,
      limit: 13,
      offset: 208,
    });
  });
});
