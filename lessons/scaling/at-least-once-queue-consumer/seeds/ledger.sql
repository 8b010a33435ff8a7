-- Accounts whose balances the messages change, and the dedupe table: one row per message id
-- whose effect has been committed.
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  balance INTEGER NOT NULL CHECK (balance >= 0)
);

CREATE TABLE processed_messages (
  message_id TEXT PRIMARY KEY,
  processed_at INTEGER NOT NULL
);

INSERT INTO accounts (id, balance) VALUES ('acc-1', 100), ('acc-2', 50), ('acc-3', 0);
