-- Mistake: books with the same price come back in whatever order the database finds them.
SELECT title, author, price
FROM books
WHERE in_stock = 1
  AND genre IN ('fiction', 'poetry')
  AND price <= 15
ORDER BY price;
