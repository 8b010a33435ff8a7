INSERT INTO customers (email, name) VALUES ('new@example.com', 'New');
INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Ada, again');
INSERT INTO orders (customer_id, status, created_at, total_cents) VALUES (1, 'open', '2026-03-01T12:00:00Z', 500);
