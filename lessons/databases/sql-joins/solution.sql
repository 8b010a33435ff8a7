SELECT c.id, c.name, c.email
FROM customers AS c
LEFT JOIN orders AS o
  ON o.customer_id = c.id
 AND o.placed_at >= '2026-01-01T00:00:00Z'
WHERE o.id IS NULL
ORDER BY c.name, c.id;
