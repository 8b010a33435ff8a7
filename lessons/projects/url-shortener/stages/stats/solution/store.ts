export interface Link {
  code: string;
  url: string;
  visits: number;
}

export interface LinkStore {
  /** Adds a link; false (and nothing changes) when its code is taken. */
  add(link: Link): boolean;
  get(code: string): Link | undefined;
  /** Counts one visit of an existing link. */
  recordVisit(code: string): void;
}

export function createStore(): LinkStore {
  const links = new Map<string, Link>();
  return {
    add(link) {
      if (links.has(link.code)) return false;
      links.set(link.code, { ...link });
      return true;
    },
    get(code) {
      const link = links.get(code);
      return link ? { ...link } : undefined;
    },
    recordVisit(code) {
      const link = links.get(code);
      if (link) link.visits++;
    },
  };
}
