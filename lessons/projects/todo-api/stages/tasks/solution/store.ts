export interface Todo {
  id: number;
  title: string;
  done: boolean;
  createdAt: string;
}

export type NewTodo = Omit<Todo, "id">;
export type TodoChanges = Partial<Pick<Todo, "title" | "done">>;

export interface TodoStore {
  insertTodo(fields: NewTodo): Todo;
  getTodo(id: number): Todo | undefined;
  listTodos(): Todo[];
  updateTodo(id: number, changes: TodoChanges): Todo | undefined;
  deleteTodo(id: number): boolean;
}

export function createStore(): TodoStore {
  const todos = new Map<number, Todo>();
  let nextId = 1;
  return {
    insertTodo(fields) {
      const todo = { ...fields, id: nextId++ };
      todos.set(todo.id, todo);
      return { ...todo };
    },
    getTodo(id) {
      const todo = todos.get(id);
      return todo && { ...todo };
    },
    listTodos() {
      return [...todos.values()].map((todo) => ({ ...todo }));
    },
    updateTodo(id, changes) {
      const todo = todos.get(id);
      if (!todo) return undefined;
      if (changes.title !== undefined) todo.title = changes.title;
      if (changes.done !== undefined) todo.done = changes.done;
      return { ...todo };
    },
    deleteTodo(id) {
      return todos.delete(id);
    },
  };
}
