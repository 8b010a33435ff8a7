"use client";

/**
 * The draft keeper of use-draft-saving.ts (the design is described there): this browser's copies,
 * saving with revisions, reconciling, retrying, tabs. Its own module, loaded by the hook beside
 * the editor's scripts rather than before them.
 */
import type {
  DraftEngineHost,
  DraftEngineOptions,
  DraftNotice,
  SavedDraftSnapshot,
  SaveStatus,
} from "./use-draft-saving";

export const DRAFT_DELAY_MS = 1000;
const DRAFT_MAX_WAIT_MS = 10_000;
/** A change shown from another tab is saved by that tab; if it is still unsaved after this, this tab saves it. */
const FOLLOW_TAKEOVER_MS = 5_000;
const RETRY_MAX_MS = 30_000;
/** Browsers refuse keepalive bodies over 64 KiB (summed over in-flight keepalive requests). */
const KEEPALIVE_MAX_BYTES = 60 * 1024;
const KNOWN_MAX = 40;

const KEY_PREFIX = "serverside:draft";
/**
 * Where this browser keeps a file's draft ("" for a one-file exercise): per account for learners,
 * `serverside:draft:<exercise>[:<file>]` for visitors (the key visitors' drafts always had).
 */
export function localDraftKey(exerciseId: string, file = "", owner: string | null = null): string {
  return `${KEY_PREFIX}${owner ? `@${owner}` : ""}:${exerciseId}${file ? `:${file}` : ""}`;
}
export const draftUrl = (exerciseId: string) => `/api/drafts/${encodeURIComponent(exerciseId)}`;

/** This browser's copy of a file's draft. */
interface LocalDraft {
  v: 1;
  code: string;
  /** The server revision the code was edited from (0: none; always 0 for visitors). */
  base: number;
  /** True while the code is not known to be on the server. */
  dirty: boolean;
  /** When the code was last changed, in the server's time as far as this browser knows it (ms). */
  at: number;
  /** Hashes of versions this browser sent or showed: a server copy among them is an ancestor, not a rival. */
  known: string[];
}

function readLocal(key: string): LocalDraft | null {
  let raw: string | null;
  try {
    raw = window.localStorage.getItem(key);
  } catch {
    return null;
  }
  return raw === null ? null : parseLocal(raw);
}

function parseLocal(raw: string): LocalDraft | null {
  if (raw.startsWith('{"v":1,')) {
    try {
      const value = JSON.parse(raw) as Partial<LocalDraft>;
      if (typeof value.code === "string" && typeof value.base === "number" && typeof value.at === "number") {
        return {
          v: 1,
          code: value.code,
          base: value.base,
          dirty: value.dirty !== false,
          at: value.at,
          known: Array.isArray(value.known) ? value.known.filter((k) => typeof k === "string") : [],
        };
      }
    } catch {
      // Not ours after all: read it as code (below).
    }
  }
  // A visitor's draft from before this format: the code itself, time unknown.
  return { v: 1, code: raw, base: 0, dirty: true, at: 0, known: [] };
}

/** Writes a local copy; when storage is full, drops copies that are already on the server (oldest first) and tries again. */
function writeLocal(key: string, value: LocalDraft): boolean {
  const raw = JSON.stringify(value);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      window.localStorage.setItem(key, raw);
      return true;
    } catch {
      if (attempt === 0 && !evictSavedCopies(key)) return false;
    }
  }
  return false;
}

function evictSavedCopies(keep: string): boolean {
  const saved: { key: string; at: number }[] = [];
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (!key || key === keep || !key.startsWith(`${KEY_PREFIX}@`)) continue;
      const local = readLocal(key);
      if (local && !local.dirty) saved.push({ key, at: local.at });
    }
    saved.sort((a, b) => a.at - b.at);
    for (const { key } of saved) window.localStorage.removeItem(key);
  } catch {
    return false;
  }
  return saved.length > 0;
}

/** A short fingerprint of a text (FNV-1a over UTF-16 units, and the length). */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${text.length.toString(36)}.${(hash >>> 0).toString(36)}`;
}

/** The server's clock minus this browser's, learned from responses' Date headers. */
let clockSkewMs = 0;
const serverNow = () => Date.now() + clockSkewMs;
function learnClock(response: Response) {
  const date = Date.parse(response.headers.get("date") ?? "");
  // The header is whole seconds: keep the estimate unless it is off by more than that.
  if (Number.isFinite(date) && Math.abs(date - Date.now() - clockSkewMs) > 1500)
    clockSkewMs = date - Date.now();
}

function formatTime(ms: number): string {
  const date = new Date(ms - clockSkewMs);
  const sameDay = new Date().toDateString() === date.toDateString();
  return date.toLocaleString(
    undefined,
    sameDay
      ? { hour: "2-digit", minute: "2-digit" }
      : { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" },
  );
}

type SaveOutcome =
  | { kind: "saved"; revision: number }
  | { kind: "conflict"; current: { code: string | null; revision: number; savedAt: string | null } }
  | { kind: "retry"; message: string }
  | { kind: "refused"; message: string };

/** Sends one file's draft; failures are values. Uses keepalive when the body allows it. */
export async function putDraft(
  exerciseId: string,
  file: string,
  code: string,
  baseRevision: number,
): Promise<SaveOutcome> {
  const body = JSON.stringify(file ? { file, code, baseRevision } : { code, baseRevision });
  const init: RequestInit = {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body,
    credentials: "same-origin",
  };
  let response: Response;
  try {
    const small = new TextEncoder().encode(body).byteLength <= KEEPALIVE_MAX_BYTES;
    // Over the keepalive quota (a large draft, or several saves in flight) fetch rejects at once: send it plainly then.
    response = small
      ? await fetch(draftUrl(exerciseId), { ...init, keepalive: true }).catch(() =>
          fetch(draftUrl(exerciseId), init),
        )
      : await fetch(draftUrl(exerciseId), init);
  } catch {
    return {
      kind: "retry",
      message: navigator.onLine === false ? "you are offline" : "the server could not be reached",
    };
  }
  learnClock(response);
  const data = (await response.json().catch(() => null)) as {
    revision?: unknown;
    error?: unknown;
    current?: SavedDraftSnapshot;
  } | null;
  if (response.ok && typeof data?.revision === "number") return { kind: "saved", revision: data.revision };
  if (response.status === 409 && data?.current && typeof data.current.revision === "number")
    return { kind: "conflict", current: data.current };
  const error = typeof data?.error === "string" ? data.error : `the server answered ${response.status}`;
  if (response.status === 401)
    return {
      kind: "refused",
      message:
        "you are signed out. Sign in again (in another tab) to keep saving; your code is kept in this browser.",
    };
  if (response.status >= 500 || response.status === 429 || response.status === 408)
    return { kind: "retry", message: error };
  return { kind: "refused", message: error };
}

interface FileState {
  starter: string;
  /** The code in the editor. */
  latest: string;
  /** The server revision `latest` was edited from. */
  base: number;
  /** The code at `base` (null: the starter; undefined: not known here). */
  savedCode: string | null | undefined;
  /** When `latest` was changed (server time, ms). */
  editedAt: number;
  /** `latest` was typed (or restored) in this tab, which saves it; false when it came from another tab. */
  own: boolean;
  inFlight: boolean;
  attempt: number;
  error: { message: string; retry: boolean } | null;
  debounce?: number;
  maxWait?: number;
  retry?: number;
  takeover?: number;
  /** This tab has changed the file (for the status: "Saved" versus nothing to say). */
  touched: boolean;
}

const savedText = (f: FileState) => (f.savedCode === undefined ? undefined : (f.savedCode ?? f.starter));
const isDirty = (f: FileState) => f.latest !== savedText(f);

/**
 * The draft keeper of one exercise in one tab. Plain class, driven by useDraftSaving: start() on
 * mount (reads this browser's copies and decides what to show), change() on every edit, stop() on
 * unmount (sends what is unsaved).
 */
export class DraftEngine {
  private readonly files = new Map<string, FileState>();
  private readonly owner: string | null;
  private readonly known = new Map<string, Set<string>>();
  private notices: DraftNotice[] = [];
  private host: DraftEngineHost = { onStatus: () => {}, onNotices: () => {}, apply: () => {} };
  private resetting = false;
  private started = false;
  private stopped = false;

  constructor(private readonly options: DraftEngineOptions) {
    this.owner = options.drafts?.owner ?? null;
    for (const [file, starter] of Object.entries(options.starter)) {
      const saved = options.drafts?.saved[file];
      this.files.set(file, {
        starter,
        latest: options.initial[file] ?? starter,
        base: saved?.revision ?? 0,
        savedCode: saved ? saved.code : null,
        editedAt: saved ? Date.parse(saved.savedAt) : 0,
        own: false,
        inFlight: false,
        attempt: 0,
        error: null,
        touched: false,
      });
      this.known.set(file, new Set());
    }
  }

  private get signedIn() {
    return this.owner !== null;
  }

  /** The code of a file as the editor has it. */
  latest(file: string): string {
    return this.files.get(file)?.latest ?? "";
  }

  private key(file: string, owner = this.owner) {
    return localDraftKey(this.options.exerciseId, file, owner);
  }

  private remember(file: string, code: string) {
    const set = this.known.get(file)!;
    const mark = fingerprint(code);
    set.delete(mark);
    set.add(mark);
    while (set.size > KNOWN_MAX) set.delete(set.values().next().value!);
  }

  private isKnown(file: string, code: string) {
    return this.known.get(file)!.has(fingerprint(code));
  }

  private storeLocal(file: string) {
    const f = this.files.get(file)!;
    const ok = writeLocal(this.key(file), {
      v: 1,
      code: f.latest,
      base: f.base,
      dirty: this.signedIn ? isDirty(f) : f.latest !== f.starter,
      at: f.editedAt,
      known: [...this.known.get(file)!],
    });
    if (!ok && !this.signedIn)
      f.error = {
        message: "this browser does not let the page store it (storage full or blocked).",
        retry: false,
      };
  }

  /** Reads this browser's copies, shows the newer copy of each file and starts listening. */
  start(host: DraftEngineHost) {
    this.host = host;
    this.stopped = false;
    if (!this.started) {
      this.started = true;
      for (const file of this.files.keys()) this.restore(file);
      this.host.onNotices(this.notices);
    }
    window.addEventListener("storage", this.onStorage);
    window.addEventListener("online", this.onOnline);
    window.addEventListener("offline", this.refresh);
    window.addEventListener("pagehide", this.flush);
    document.addEventListener("visibilitychange", this.onVisibility);
    for (const file of this.files.keys()) this.pump(file);
    this.refresh();
  }

  /** Stops listening and sends what is unsaved (a client-side navigation away, or unmount). */
  stop() {
    window.removeEventListener("storage", this.onStorage);
    window.removeEventListener("online", this.onOnline);
    window.removeEventListener("offline", this.refresh);
    window.removeEventListener("pagehide", this.flush);
    document.removeEventListener("visibilitychange", this.onVisibility);
    this.flush();
    this.stopped = true;
    for (const f of this.files.values()) {
      window.clearTimeout(f.debounce);
      window.clearTimeout(f.maxWait);
      window.clearTimeout(f.retry);
      window.clearTimeout(f.takeover);
    }
  }

  private restore(file: string) {
    const f = this.files.get(file)!;
    const shown = f.latest;
    if (!this.signedIn) {
      const local = readLocal(this.key(file));
      if (local) {
        f.latest = local.code;
        f.editedAt = local.at;
      }
      f.savedCode = f.starter;
      this.remember(file, f.latest);
      if (f.latest !== shown) this.host.apply(file, f.latest);
      return;
    }
    const saved = this.options.drafts!.saved[file] ?? null;
    const server = {
      code: saved?.code ?? null,
      revision: saved?.revision ?? 0,
      at: saved ? Date.parse(saved.savedAt) : 0,
    };
    const serverText = server.code ?? f.starter;
    let local = readLocal(this.key(file));
    if (!local && server.revision === 0) {
      // A visitor's code typed before signing in becomes the account's first draft.
      const visitor = readLocal(this.key(file, null));
      if (visitor && visitor.code !== f.starter) {
        local = { ...visitor, base: 0, dirty: true };
        try {
          window.localStorage.removeItem(this.key(file, null));
        } catch {
          // Kept under the visitor's key too: harmless.
        }
      }
    }
    for (const mark of local?.known ?? []) this.known.get(file)!.add(mark);

    const takeServer = () => {
      f.latest = serverText;
      f.base = server.revision;
      f.savedCode = server.code;
      f.editedAt = server.at;
    };
    const takeLocal = (base: number, savedCode: string | null | undefined) => {
      f.latest = local!.code;
      f.base = base;
      f.savedCode = savedCode;
      f.editedAt = local!.at;
      f.own = true;
    };
    if (!local || local.code === serverText) {
      takeServer();
    } else if (local.base > server.revision) {
      // The page is older than this browser's copy (a page from the browser's cache).
      takeLocal(local.base, local.dirty ? undefined : local.code);
    } else if (!local.dirty) {
      takeServer();
    } else if (local.base === server.revision || local.known.includes(fingerprint(serverText))) {
      // This browser's copy continues the server's: unsaved typing from before a reload.
      takeLocal(server.revision, server.code);
      if (server.code !== null) {
        this.notices.push({
          file,
          message: `Restored your unsaved edit from ${formatTime(local.at)} in this browser; the saved copy is older. It is being saved now.`,
          action: "Show the saved copy instead",
          other: serverText,
        });
      }
    } else if (local.at > server.at) {
      takeLocal(server.revision, server.code);
      this.notices.push({
        file,
        message: `Restored your unsaved edit from ${formatTime(local.at)} in this browser; it is newer than the copy saved from elsewhere at ${formatTime(server.at)}.`,
        action: "Show the saved copy instead",
        other: serverText,
      });
    } else {
      takeServer();
      // This browser's copy stays as it is until the learner edits or picks it, so a reload offers it again.
      this.notices.push({
        file,
        message: `Showing the copy saved at ${formatTime(server.at)}, which is newer than an unsaved edit from ${formatTime(local.at)} in this browser.`,
        action: "Use this browser's edit instead",
        other: local.code,
      });
      this.remember(file, f.latest);
      if (f.latest !== shown) this.host.apply(file, f.latest);
      return;
    }
    this.remember(file, serverText);
    this.remember(file, f.latest);
    this.storeLocal(file);
    if (f.latest !== shown) this.host.apply(file, f.latest);
  }

  /** The editor changed a file. */
  change(file: string, code: string) {
    const f = this.files.get(file);
    if (!f || code === f.latest) return;
    f.latest = code;
    f.editedAt = serverNow();
    f.own = true;
    f.touched = true;
    if (f.error && !f.error.retry) f.error = null;
    window.clearTimeout(f.takeover);
    this.storeLocal(file);
    window.clearTimeout(f.debounce);
    f.debounce = window.setTimeout(() => {
      f.debounce = undefined;
      this.pump(file);
    }, DRAFT_DELAY_MS);
    f.maxWait ??= window.setTimeout(() => {
      f.maxWait = undefined;
      this.pump(file);
    }, DRAFT_MAX_WAIT_MS);
    this.refresh();
  }

  /** Shows the other copy a notice offers (an undoable edit, saved like any other). */
  chooseOther(file: string) {
    const notice = this.notices.find((n) => n.file === file);
    if (!notice) return;
    this.dropNotice(file);
    this.remember(file, notice.other);
    this.change(file, notice.other);
    this.host.apply(file, notice.other);
  }

  dismissNotice(file: string) {
    this.dropNotice(file);
  }

  private dropNotice(file: string) {
    if (!this.notices.some((n) => n.file === file)) return;
    this.notices = this.notices.filter((n) => n.file !== file);
    this.host.onNotices(this.notices);
  }

  private addNotice(notice: DraftNotice) {
    this.notices = [...this.notices.filter((n) => n.file !== notice.file), notice];
    this.host.onNotices(this.notices);
  }

  /** Every file back to its starter; the server's drafts are reset (DELETE), and saved as the starter if that fails. */
  reset() {
    const at = serverNow();
    for (const [file, f] of this.files) {
      window.clearTimeout(f.debounce);
      window.clearTimeout(f.maxWait);
      window.clearTimeout(f.takeover);
      f.debounce = f.maxWait = undefined;
      f.latest = f.starter;
      f.editedAt = at;
      f.own = true;
      f.error = null;
      this.remember(file, f.starter);
      this.storeLocal(file);
      this.host.apply(file, f.starter);
    }
    this.notices = [];
    this.host.onNotices(this.notices);
    if (!this.signedIn) return this.refresh();
    this.resetting = true;
    this.refresh();
    void (async () => {
      try {
        const response = await fetch(draftUrl(this.options.exerciseId), {
          method: "DELETE",
          credentials: "same-origin",
          keepalive: true,
        });
        learnClock(response);
        const data = (await response.json().catch(() => null)) as {
          drafts?: (SavedDraftSnapshot & { file: string })[];
        } | null;
        if (response.ok && Array.isArray(data?.drafts)) {
          for (const d of data.drafts) {
            const f = this.files.get(d.file);
            if (!f || d.revision < f.base) continue;
            f.base = d.revision;
            f.savedCode = d.code;
            this.storeLocal(d.file);
          }
        }
      } catch {
        // Not reset on the server: the starter code is saved over the drafts instead (below).
      } finally {
        this.resetting = false;
        for (const file of this.files.keys()) this.pump(file);
        this.refresh();
      }
    })();
  }

  /** Saves a file if it has an unsaved change of this tab's and nothing is on its way. */
  private pump(file: string) {
    const f = this.files.get(file)!;
    if (!this.signedIn || this.stopped || f.inFlight || this.resetting || !f.own || !isDirty(f))
      return this.refresh();
    window.clearTimeout(f.debounce);
    window.clearTimeout(f.maxWait);
    window.clearTimeout(f.retry);
    f.debounce = f.maxWait = f.retry = undefined;
    void this.send(file);
  }

  private async send(file: string) {
    const f = this.files.get(file)!;
    const code = f.latest;
    const base = f.base;
    f.inFlight = true;
    this.remember(file, code);
    this.refresh();
    const outcome = await putDraft(this.options.exerciseId, file, code, base);
    f.inFlight = false;
    if (outcome.kind === "saved") {
      // A newer revision may have arrived meanwhile (another tab's, through storage): keep that.
      if (f.base === base) {
        f.base = outcome.revision;
        f.savedCode = code;
      }
      f.attempt = 0;
      f.error = null;
      this.storeLocal(file);
    } else if (outcome.kind === "conflict") {
      f.attempt = 0;
      f.error = null;
      this.reconcile(file, outcome.current);
    } else if (outcome.kind === "retry") {
      f.error = { message: outcome.message, retry: true };
      const delay = Math.min(RETRY_MAX_MS, 1000 * 2 ** f.attempt) * (0.75 + Math.random() * 0.5);
      f.attempt = Math.min(f.attempt + 1, 10);
      window.clearTimeout(f.retry);
      if (!this.stopped) f.retry = window.setTimeout(() => this.pump(file), delay);
    } else {
      f.error = { message: outcome.message, retry: false };
    }
    // Typing went on while the save was on its way and its timers have already fired.
    if (
      !this.stopped &&
      f.debounce === undefined &&
      f.retry === undefined &&
      f.error === null &&
      f.own &&
      isDirty(f)
    )
      this.pump(file);
    this.refresh();
  }

  /** The server has a different revision than this tab's base: build on it, or keep the newer text and offer the other. */
  private reconcile(
    file: string,
    current: { code: string | null; revision: number; savedAt: string | null },
  ) {
    const f = this.files.get(file)!;
    const currentText = current.code ?? f.starter;
    const at = current.savedAt ? Date.parse(current.savedAt) : 0;
    f.base = current.revision;
    f.savedCode = current.code;
    if (currentText === f.latest || this.isKnown(file, currentText)) {
      // Already here, or a version this tab has shown: the editor's text builds on it.
      this.remember(file, currentText);
    } else if (f.editedAt >= at) {
      // Another tab or device saved something else before this tab's newer edit: keep the edit, offer theirs.
      this.addNotice({
        file,
        message: `Your edit here replaced a different version saved at ${formatTime(at)} from another tab or device.`,
        action: "Restore that version",
        other: currentText,
      });
      this.remember(file, currentText);
    } else {
      // This tab's edit is older than what was saved since (an edit retried after a long time offline).
      this.addNotice({
        file,
        message: `A newer version saved at ${formatTime(at)} from another tab or device is shown; your edit from ${formatTime(f.editedAt)} here was not saved.`,
        action: "Use your edit instead",
        other: f.latest,
      });
      f.latest = currentText;
      f.editedAt = at;
      f.own = false;
      this.remember(file, currentText);
      this.host.apply(file, currentText);
    }
    this.storeLocal(file);
  }

  /** Another tab of this browser wrote a file's copy: show it unless this tab's own edit is newer. */
  private onStorage = (event: StorageEvent) => {
    if (event.storageArea !== window.localStorage || !event.key || event.newValue === null) return;
    const file = [...this.files.keys()].find((name) => this.key(name) === event.key);
    if (file === undefined) return;
    const remote = parseLocal(event.newValue);
    const f = this.files.get(file)!;
    if (!remote) return;
    if (remote.code === f.latest) {
      if (!remote.dirty && remote.base >= f.base) {
        f.base = remote.base;
        f.savedCode = remote.code;
        f.own = false;
        window.clearTimeout(f.takeover);
      }
      return this.refresh();
    }
    if (remote.at < f.editedAt) return;
    const known = remote.base === f.base ? f.savedCode : undefined;
    f.latest = remote.code;
    f.editedAt = remote.at;
    f.own = false;
    f.error = null;
    if (remote.base >= f.base) {
      f.base = remote.base;
      f.savedCode = remote.dirty ? known : remote.code;
    }
    window.clearTimeout(f.debounce);
    window.clearTimeout(f.maxWait);
    window.clearTimeout(f.takeover);
    f.debounce = f.maxWait = undefined;
    this.remember(file, remote.code);
    this.host.apply(file, remote.code);
    if (this.signedIn && remote.dirty) {
      // The other tab saves it; if it has gone without doing so, this one does.
      f.takeover = window.setTimeout(() => {
        if (f.latest !== remote.code || !isDirty(f)) return;
        f.own = true;
        this.pump(file);
      }, FOLLOW_TAKEOVER_MS);
    }
    this.refresh();
  };

  private onOnline = () => {
    for (const [file, f] of this.files) {
      f.attempt = 0;
      if (f.retry !== undefined || f.error?.retry) this.pump(file);
    }
    this.refresh();
  };

  private onVisibility = () => {
    if (document.visibilityState === "hidden") this.flush();
  };

  /** Sends every unsaved change of this tab now (the page may be going away); the local copy has it anyway. */
  flush = () => {
    for (const [file, f] of this.files) {
      if (f.own && isDirty(f) && !f.inFlight && !this.resetting && this.signedIn && !this.stopped)
        this.pump(file);
    }
  };

  private refresh = () => {
    this.host.onStatus(this.status());
  };

  private status(): SaveStatus {
    const all = [...this.files.entries()];
    const named = (file: string, message: string) =>
      file && all.length > 1 ? `${file}: ${message}` : message;
    if (!this.signedIn) {
      const failed = all.find(([, f]) => f.error);
      if (failed) return { state: "error", message: named(failed[0], failed[1].error!.message) };
      return all.some(([, f]) => f.touched)
        ? { state: "saved", message: "Saved in this browser" }
        : { state: "idle" };
    }
    const pending = all.filter(([, f]) => isDirty(f) && (f.own || f.inFlight));
    const refused = pending.find(([, f]) => f.error && !f.error.retry);
    if (refused) return { state: "error", message: named(refused[0], refused[1].error!.message) };
    if (pending.length && typeof navigator !== "undefined" && navigator.onLine === false) {
      return {
        state: "offline",
        message: "You are offline. Your code is kept in this browser and saved when the connection returns.",
      };
    }
    const failing = pending.find(([, f]) => f.error?.retry);
    if (failing)
      return {
        state: "retrying",
        message: named(
          failing[0],
          `${failing[1].error!.message}. Your code is kept in this browser; trying again.`,
        ),
      };
    if (pending.length || all.some(([, f]) => f.inFlight) || this.resetting) return { state: "saving" };
    if (all.some(([, f]) => isDirty(f))) return { state: "saving", message: "Saving in another tab…" };
    return all.some(([, f]) => f.touched || f.savedCode) ? { state: "saved" } : { state: "idle" };
  }
}
