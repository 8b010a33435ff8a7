SELECT c.id, c.name, COUNT(o.id) AS paid_orders, COALESCE(SUM(o.total_cents), 0) AS spent_cents
FROM customers AS c
LEFT JOIN orders AS o ON o.customer_id = c.id
WHERE o.status = 'paid' AND o.placed_at >= '2026-03-01' AND o.placed_at < '2026-04-01'
GROUP BY c.id, c.name
HAVING COALESCE(SUM(o.total_cents), 0) < 5000
ORDER BY spent_cents, c.name, c.id;
