-- A small bank. Balances are integers in cents. The accounts table has no CHECK on the balance
-- (it predates anyone thinking of one): keeping balances at or above zero is the code's job.
CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY,
  owner         TEXT NOT NULL,
  balance_cents INTEGER NOT NULL,
  frozen        INTEGER NOT NULL DEFAULT 0 CHECK (frozen IN (0, 1))
);
CREATE TABLE transfers (
  id           INTEGER PRIMARY KEY,
  from_id      INTEGER NOT NULL REFERENCES accounts(id),
  to_id        INTEGER NOT NULL REFERENCES accounts(id),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  CHECK (from_id <> to_id)
);
CREATE INDEX transfers_from ON transfers(from_id);
CREATE INDEX transfers_to ON transfers(to_id);

-- A frozen account's balance cannot change: the database itself refuses.
CREATE TRIGGER accounts_frozen BEFORE UPDATE OF balance_cents ON accounts
WHEN OLD.frozen = 1
BEGIN
  SELECT RAISE(ABORT, 'account is frozen');
END;

INSERT INTO accounts (id, owner, balance_cents, frozen) VALUES
  (1, 'Ada',  50000, 0),
  (2, 'Ben',  12000, 0),
  (3, 'Chen',     0, 0),
  (4, 'Dana', 2500000, 0),
  (5, 'Eve',  30000, 1),
  (6, 'Finn',  2500, 0);

INSERT INTO transfers (id, from_id, to_id, amount_cents) VALUES
  (1, 4, 1, 20000),
  (2, 1, 2, 4500),
  (3, 2, 1, 1000),
  (4, 1, 6, 2500);
