export interface Event {
  id: number;
  createdAt: string; // ISO 8601, UTC; several events can share one
  name: string;
}

/** The event log, in no particular order. The tests add events to it between requests. */
export const events: Event[] = [];

const names = ["signup", "login", "purchase", "refund", "logout"];
for (let id = 1; id <= 23; id++) {
  // Every third event shares its timestamp with the one before it.
  const minute = id - Math.floor(id / 3);
  events.push({
    id,
    createdAt: new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString(),
    name: names[id % names.length],
  });
}
