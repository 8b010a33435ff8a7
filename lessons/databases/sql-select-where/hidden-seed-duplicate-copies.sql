-- Two copies of the same book (same title, author and price) are two rows.
CREATE TABLE books (
  id       INTEGER PRIMARY KEY,
  title    TEXT    NOT NULL,
  author   TEXT    NOT NULL,
  genre    TEXT    NOT NULL,
  price    REAL    NOT NULL,
  in_stock INTEGER NOT NULL
);

INSERT INTO books (id, title, author, genre, price, in_stock) VALUES
  (1, 'River Songs',      'Ada Moss',     'poetry',   9.50, 1),
  (2, 'River Songs',      'Ada Moss',     'poetry',   9.50, 1),
  (3, 'Iron Bridge',      'Noor Haddad',  'fiction', 13.00, 1),
  (4, 'Iron Bridge',      'Noor Haddad',  'fiction', 13.00, 0),
  (5, 'Gull Island',      'Sam Ortiz',    'fiction',  6.00, 1);
