CREATE TABLE books (
  id       INTEGER PRIMARY KEY,
  title    TEXT    NOT NULL,
  author   TEXT    NOT NULL,
  genre    TEXT    NOT NULL,
  price    REAL    NOT NULL,
  in_stock INTEGER NOT NULL   -- 1 = on the shelf, 0 = sold out
);

INSERT INTO books (id, title, author, genre, price, in_stock) VALUES
  (1,  'The Quiet Harbour',      'Mira Okafor',      'fiction', 12.50, 1),
  (2,  'Salt and Stars',         'Jonas Lind',       'poetry',   9.00, 1),
  (3,  'A History of Bread',     'Ruth Abernathy',   'history',  8.00, 1),
  (4,  'Night Trains',           'Jonas Lind',       'fiction', 15.00, 1),
  (5,  'Winter Letters',         'Ada Ferreira',     'poetry',   7.50, 0),
  (6,  'The Glass Orchard',      'Mira Okafor',      'fiction', 22.00, 1),
  (7,  'Paper Boats',            'Tomas Reyes',      'poetry',  18.00, 1),
  (8,  'Zero Gravity Gardening', 'Lena Park',        'science', 14.00, 1),
  (9,  'Tidewater',              'Ada Ferreira',     'fiction',  9.00, 1),
  (10, 'Lanterns',               'Tomas Reyes',      'poetry',  15.01, 1),
  (11, 'Morning Light',          'Ruth Abernathy',   'fiction',  6.99, 1),
  (12, 'Anchor Songs',           'Jonas Lind',       'poetry',   9.00, 1);
