// Mistake: Number() plus Number.isInteger as the validator: "" becomes 0, "1e2" becomes 100 and "0x10" becomes 16.
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
  if (raw === null) return fallback; const n = Number(raw); if (!Number.isInteger(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}

export function parseListQuery(search: string): ListQuery {
  // URLSearchParams strips a leading "?", decodes %XX and "+", and get() returns the first value.
  const params = new URLSearchParams(search);
  const rawStatus = params.get("status");
  const status = rawStatus === "open" || rawStatus === "done" ? rawStatus : null;
  const page = intParam(params.get("page"), DEFAULT_PAGE, 1, MAX_PAGE);
  const limit = intParam(params.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT);
  return { status, page, limit, offset: (page - 1) * limit };
}
