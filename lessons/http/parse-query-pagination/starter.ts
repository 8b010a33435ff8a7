export interface ListQuery {
  status: "open" | "done" | null;
  page: number;
  limit: number;
  offset: number;
}

export function parseListQuery(search: string): ListQuery {
  // Replace this with real parsing. Tip: new URLSearchParams(search).get("page") gives a string or null.
  return { status: null, page: 1, limit: 20, offset: 0 };
}
