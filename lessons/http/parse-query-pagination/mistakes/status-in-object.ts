// Mistake: checks the status with `in` on an object, so inherited names such as "toString" and "constructor" count as valid.
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
  // URLSearchParams strips a leading "?", decodes %XX and "+", and get() returns the first value.
  const params = new URLSearchParams(search);
  const rawStatus = params.get("status");
  const allowed = { open: true, done: true }; const status = (rawStatus !== null && rawStatus in allowed ? rawStatus : null) as ListQuery["status"];
  const page = intParam(params.get("page"), DEFAULT_PAGE, 1, MAX_PAGE);
  const limit = intParam(params.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT);
  return { status, page, limit, offset: (page - 1) * limit };
}
