export interface Todo {
  id: number;
  title: string;
  done: boolean;
  createdAt: string;
}

export type NewTodo = Omit<Todo, "id">;
export type TodoChanges = Partial<Pick<Todo, "title" | "done">>;

// TODO (stage 2): users, sessions, and an owner for each todo.
// TODO (stage 3): failed logins, and a page of todos instead of all of them.
export interface TodoStore {
  /** Stores a new todo under the next id (1, 2, 3, ...) and returns it. */
  insertTodo(fields: NewTodo): Todo;
  getTodo(id: number): Todo | undefined;
  /** Every todo, by id. */
  listTodos(): Todo[];
  updateTodo(id: number, changes: TodoChanges): Todo | undefined;
  deleteTodo(id: number): boolean;
}

export function createStore(): TodoStore {
  const todos = new Map<number, Todo>();
  let nextId = 1;
  return {
    insertTodo(fields) {
      // TODO (stage 1)
      void fields;
      void nextId;
      throw new Error("not implemented");
    },
    getTodo(id) {
      return todos.get(id);
    },
    listTodos() {
      return [];
    },
    updateTodo(id, changes) {
      // TODO (stage 1)
      void changes;
      return todos.get(id);
    },
    deleteTodo(id) {
      return todos.delete(id);
    },
  };
}
