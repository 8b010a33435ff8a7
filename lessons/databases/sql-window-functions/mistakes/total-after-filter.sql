WITH sales AS (
  SELECT p.category, p.name, SUM(i.quantity) AS units,
         RANK() OVER (PARTITION BY p.category ORDER BY SUM(i.quantity) DESC) AS sales_rank
  FROM products AS p JOIN order_items AS i ON i.product_id = p.id
  GROUP BY p.id, p.category, p.name
)
SELECT category, name, units, sales_rank, SUM(units) OVER (PARTITION BY category) AS category_units
FROM sales WHERE sales_rank <= 3
ORDER BY category, sales_rank, name;
