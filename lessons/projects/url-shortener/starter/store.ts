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
      // TODO (stage 1): refuse a code that is taken, else keep the link.
      void links;
      void link;
      return false;
    },
    get(code) {
      void code;
      return undefined;
    },
  };
}
