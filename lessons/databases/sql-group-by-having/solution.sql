-- Every customer, with only their paid March orders attached: the conditions on orders go in ON,
-- so a customer without such orders keeps one row of NULLs instead of disappearing.
SELECT c.id,
       c.name,
       COUNT(o.id)                    AS paid_orders,   -- COUNT(column) skips the NULL row
       COALESCE(SUM(o.total_cents), 0) AS spent_cents   -- SUM of no rows is NULL, not 0
FROM customers AS c
LEFT JOIN orders AS o
  ON o.customer_id = c.id
 AND o.status = 'paid'
 AND o.placed_at >= '2026-03-01'
 AND o.placed_at <  '2026-04-01'                        -- half-open: all of March 31, none of April 1
GROUP BY c.id, c.name
HAVING COALESCE(SUM(o.total_cents), 0) < 5000           -- a condition on the group, after grouping
ORDER BY spent_cents, c.name, c.id;
