INSERT INTO customers (email, name) VALUES ('first@example.com', 'First');
INSERT INTO customers (email, name) VALUES ('first@example.com', 'Second');
UPDATE customers SET email = (SELECT email FROM customers ORDER BY id LIMIT 1) WHERE id = (SELECT max(id) FROM customers);
INSERT INTO customers (email, name) VALUES ('x@example.com', 'X'), ('x@example.com', 'Y');
