-- A small library: authors and the books they wrote.
CREATE TABLE authors (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL,
  country TEXT NOT NULL            -- ISO 3166 code, e.g. 'NG'
);
CREATE TABLE books (
  id        INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES authors(id),
  title     TEXT NOT NULL,
  year      INTEGER NOT NULL
);
CREATE INDEX books_author_id ON books(author_id);

INSERT INTO authors (id, name, country) VALUES
  (1, 'Ursula K. Le Guin', 'US'),
  (2, 'Nnedi Okorafor', 'US'),
  (3, 'Chinua Achebe', 'NG'),
  (4, 'Wole Soyinka', 'NG');

-- Inserted out of title order on purpose: rows come back in no promised order without ORDER BY.
INSERT INTO books (id, author_id, title, year) VALUES
  (1, 1, 'The Lathe of Heaven', 1971),
  (2, 3, 'Things Fall Apart', 1958),
  (3, 1, 'The Dispossessed', 1974),
  (4, 2, 'Binti', 2015),
  (5, 1, 'A Wizard of Earthsea', 1968),
  (6, 3, 'Arrow of God', 1964),
  (7, 4, 'Ake: The Years of Childhood', 1981);
