-- Mistake: a blocklist of the genres seen in the sample data lets every new genre through.
SELECT title, author, price FROM books WHERE in_stock = 1 AND genre NOT IN ('history','science') AND price <= 15 ORDER BY price, title;
