export interface Link {
  code: string;
  url: string;
}

export interface LinkStore {
  /** Adds a link; false (and nothing changes) when its code is taken. */
  add(link: Link): boolean;
  get(code: string): Link | undefined;
}

export function createStore(): LinkStore {
  const links = new Map<string, Link>();
  return {
    add(link) {
      if (links.has(link.code.toLowerCase())) return false;
      links.set(link.code.toLowerCase(), { ...link });
      return true;
    },
    get(code) {
      const link = links.get(code.toLowerCase());
      return link ? { ...link } : undefined;
    },
  };
}
