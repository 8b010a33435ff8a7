/** A task as the store keeps it. */
export interface Task {
  id: number;
  title: string;
  done: boolean;
  ownerId: string;
}

export interface TaskStore {
  /** Saves a new task (not done) for ownerId and returns a copy; ids start at 1 and are never reused. */
  insert(title: string, ownerId: string): Task;
  /** A copy of the task, or undefined. */
  get(id: number): Task | undefined;
  /** Changes title and/or done and returns a copy of the result, or undefined when there is no such task. */
  update(id: number, changes: { title?: string; done?: boolean }): Task | undefined;
  /** Deletes the task; false when there was none. */
  remove(id: number): boolean;
  /** Copies of ownerId's tasks, by id. */
  listByOwner(ownerId: string): Task[];
}

/** An in-memory store: the same contract a database-backed one would keep. */
export function createStore(): TaskStore {
  const tasks = new Map<number, Task>();
  let nextId = 1;
  return {
    insert(title, ownerId) {
      const task = { id: nextId++, title, done: false, ownerId };
      tasks.set(task.id, task);
      return { ...task };
    },
    get(id) {
      const task = tasks.get(id);
      return task && { ...task };
    },
    update(id, changes) {
      const task = tasks.get(id);
      if (!task) return undefined;
      if (changes.title !== undefined) task.title = changes.title;
      if (changes.done !== undefined) task.done = changes.done;
      return { ...task };
    },
    remove(id) {
      return tasks.delete(id);
    },
    listByOwner(ownerId) {
      return [...tasks.values()].filter((t) => t.ownerId === ownerId).sort((a, b) => a.id - b.id).map((t) => ({ ...t }));
    },
  };
}
