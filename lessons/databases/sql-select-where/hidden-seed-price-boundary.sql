-- Prices just below, at and just above the limit; a few prices that round down to it.
CREATE TABLE books (
  id       INTEGER PRIMARY KEY,
  title    TEXT    NOT NULL,
  author   TEXT    NOT NULL,
  genre    TEXT    NOT NULL,
  price    REAL    NOT NULL,
  in_stock INTEGER NOT NULL
);

INSERT INTO books (id, title, author, genre, price, in_stock) VALUES
  (1, 'Below',            'Kim Vo',       'fiction', 14.99, 1),
  (2, 'Exactly',          'Kim Vo',       'poetry',  15.00, 1),
  (3, 'A Cent Over',      'Lu Chen',      'fiction', 15.01, 1),
  (4, 'Rounds Down',      'Lu Chen',      'poetry',  15.40, 1),
  (5, 'Half Over',        'Bo Lind',      'fiction', 15.50, 1),
  (6, 'Free Sample',      'Bo Lind',      'poetry',   0.00, 1),
  (7, 'Sixteen',          'Ari Gold',     'fiction', 16.00, 1),
  (8, 'Exactly Too',      'Ari Gold',     'fiction', 15.00, 0);
