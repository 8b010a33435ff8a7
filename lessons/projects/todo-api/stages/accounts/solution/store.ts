export interface Todo {
  id: number;
  ownerId: number;
  title: string;
  done: boolean;
  shared: boolean;
  createdAt: string;
}

export interface User {
  id: number;
  email: string;
  passwordHash: string;
}

export interface Session {
  tokenHash: string;
  userId: number;
  expiresAt: number;
}

export type NewTodo = Omit<Todo, "id">;
export type TodoChanges = Partial<Pick<Todo, "title" | "done" | "shared">>;

export interface TodoStore {
  insertTodo(fields: NewTodo): Todo;
  getTodo(id: number): Todo | undefined;
  /** The owner's todos, by id. */
  listTodos(ownerId: number): Todo[];
  updateTodo(id: number, changes: TodoChanges): Todo | undefined;
  deleteTodo(id: number): boolean;
  /** Adds a user; null (and nothing changes) when the email is taken. */
  insertUser(email: string, passwordHash: string): User | null;
  findUserByEmail(email: string): User | undefined;
  insertSession(session: Session): void;
  findSession(tokenHash: string): Session | undefined;
  deleteSession(tokenHash: string): void;
}

export function createStore(): TodoStore {
  const todos = new Map<number, Todo>();
  const users = new Map<string, User>();
  const sessions = new Map<string, Session>();
  let nextTodoId = 1;
  let nextUserId = 1;
  return {
    insertTodo(fields) {
      const todo = { ...fields, id: nextTodoId++ };
      todos.set(todo.id, todo);
      return { ...todo };
    },
    getTodo(id) {
      const todo = todos.get(id);
      return todo && { ...todo };
    },
    listTodos(ownerId) {
      // Map iteration follows insertion, which is id order.
      return [...todos.values()].filter((todo) => todo.ownerId === ownerId).map((todo) => ({ ...todo }));
    },
    updateTodo(id, changes) {
      const todo = todos.get(id);
      if (!todo) return undefined;
      if (changes.title !== undefined) todo.title = changes.title;
      if (changes.done !== undefined) todo.done = changes.done;
      if (changes.shared !== undefined) todo.shared = changes.shared;
      return { ...todo };
    },
    deleteTodo(id) {
      return todos.delete(id);
    },
    insertUser(email, passwordHash) {
      if (users.has(email)) return null;
      const user = { id: nextUserId++, email, passwordHash };
      users.set(email, user);
      return { ...user };
    },
    findUserByEmail(email) {
      const user = users.get(email);
      return user && { ...user };
    },
    insertSession(session) {
      sessions.set(session.tokenHash, { ...session });
    },
    findSession(tokenHash) {
      const session = sessions.get(tokenHash);
      return session && { ...session };
    },
    deleteSession(tokenHash) {
      sessions.delete(tokenHash);
    },
  };
}
