/**
 * The workspace's remembered pane sizes: shared by the lesson page (a server component, which reads
 * the cookies so a remembered layout renders without a shift) and the workspace (a client
 * component, which writes them). Kept out of the "use client" module: a server component importing
 * a constant from one gets a client reference, not the value.
 */

/** Pane ids to percentages of their group (split-group.tsx). */
export type PaneSizes = Record<string, number>;

/** Pane sizes of the two resizable groups: lesson | work, and code over results. */
export interface WorkspaceLayout {
  main: PaneSizes | null;
  work: PaneSizes | null;
}

export const LAYOUT_COOKIE = { main: "serverside-layout-main", work: "serverside-layout-work" } as const;
/** The panes' ids (also their DOM ids, hence the prefix). */
export const LAYOUT_PANES = { main: ["ws-lesson", "ws-work"], work: ["ws-code", "ws-results"] } as const;

/** A remembered layout from its cookie: the given panes' percentages, or null when absent or malformed. */
export function parseLayout(raw: string | undefined, panes: readonly string[]): PaneSizes | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== "object") return null;
    const entries = panes.map((id) => [id, (value as Record<string, unknown>)[id]] as const);
    if (!entries.every(([, n]) => typeof n === "number" && Number.isFinite(n) && n > 0 && n < 100))
      return null;
    const sizes = Object.fromEntries(entries) as PaneSizes;
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    return Math.abs(total - 100) < 1 ? sizes : null;
  } catch {
    return null;
  }
}
