-- Mistake: "at most 15.00" includes 15.00, but < leaves it out.
SELECT title, author, price
FROM books
WHERE in_stock = 1
  AND genre IN ('fiction', 'poetry')
  AND price < 15
ORDER BY price, title;
