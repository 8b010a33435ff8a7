-- Mistake: SQLite's LIKE ignores ASCII case, so 'Fiction' and 'POETRY' (other genres in this shop's data) match too.
SELECT title, author, price FROM books WHERE in_stock = 1 AND (genre LIKE 'fiction' OR genre LIKE 'poetry') AND price <= 15 ORDER BY price, title;
