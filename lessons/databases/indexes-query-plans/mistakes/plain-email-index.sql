-- 1. Move every order to the first customer (smallest id) with the same email.
UPDATE orders
SET customer_id = (
  SELECT min(c2.id)
  FROM customers AS c1 JOIN customers AS c2 ON c2.email = c1.email
  WHERE c1.id = orders.customer_id
);

-- 2. Delete the duplicates, which now have no orders.
DELETE FROM customers
WHERE id NOT IN (SELECT min(id) FROM customers GROUP BY email);

-- Mistake: fast lookups, but nothing stops the next duplicate.
CREATE INDEX customers_email ON customers (email);

-- 4. A customer's orders, newest first: equality column first, then the sort column.
CREATE INDEX orders_customer_created ON orders (customer_id, created_at);

-- 5. Orders with a given status, oldest first.
CREATE INDEX orders_status_created ON orders (status, created_at);
