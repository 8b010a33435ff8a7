/** A task as the store keeps it. */
export interface Task {
  id: number;
  title: string;
  done: boolean;
  ownerId: string;
}

export interface TaskStore {
  insert(title: string, ownerId: string): Task;
  get(id: number): Task | undefined;
  update(id: number, changes: { title?: string; done?: boolean }): Task | undefined;
  remove(id: number): boolean;
  listByOwner(ownerId: string): Task[];
}

/** An append-only log of rows with tombstones, instead of a Map. */
export function createStore(): TaskStore {
  const rows: (Task | null)[] = [];
  const find = (id: number) => (id >= 1 && id <= rows.length ? rows[id - 1] : null);
  const copy = (t: Task): Task => ({ id: t.id, title: t.title, done: t.done, ownerId: t.ownerId });
  return {
    insert(title, ownerId) {
      const task: Task = { id: rows.length + 1, title, done: false, ownerId };
      rows.push(task);
      return copy(task);
    },
    get(id) {
      const t = find(id);
      return t ? copy(t) : undefined;
    },
    update(id, changes) {
      const t = find(id);
      if (!t) return undefined;
      rows[id - 1] = { ...t, ...(changes.title !== undefined ? { title: changes.title } : {}), ...(changes.done !== undefined ? { done: changes.done } : {}) };
      return copy(rows[id - 1]!);
    },
    remove(id) {
      if (!find(id)) return false;
      rows[id - 1] = null;
      return true;
    },
    listByOwner(ownerId) {
      const out: Task[] = [];
      for (const t of rows) if (t && t.ownerId === ownerId) out.push(copy(t));
      return out;
    },
  };
}
