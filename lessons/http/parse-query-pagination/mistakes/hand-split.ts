// Mistake: splitting on "&" and "=" by hand: no percent-decoding, and a repeated key keeps its last value.
export interface ListQuery {
  status: "open" | "done" | null;
  page: number;
  limit: number;
  offset: number;
}

const DEFAULT_PAGE = 1;
const MAX_PAGE = 1000;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/** An integer written plainly ("12", "-3"), clamped into [min, max]; anything else gives the default. */
function intParam(raw: string | null, fallback: number, min: number, max: number): number {
  // Number() would accept "", " 5", "1e3" and "0x10"; parseInt() would accept "5abc" and "2.5".
  if (raw === null || !/^-?\d+$/.test(raw)) return fallback;
  return Math.min(max, Math.max(min, Number(raw)));
}

export function parseListQuery(search: string): ListQuery {
  const params: Record<string, string> = {};
  for (const pair of search.replace(/^\?/, "").split("&")) {
    const [key, value = ""] = pair.split("=");
    params[key] = value;
  }
  const rawStatus = params.status ?? null;
  const status = rawStatus === "open" || rawStatus === "done" ? rawStatus : null;
  const page = intParam(params.page ?? null, DEFAULT_PAGE, 1, MAX_PAGE);
  const limit = intParam(params.limit ?? null, DEFAULT_LIMIT, 1, MAX_LIMIT);
  return { status, page, limit, offset: (page - 1) * limit };
}
