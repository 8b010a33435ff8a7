INSERT INTO rooms (number, capacity, nightly_cents) VALUES ('201', 2, 9000);
INSERT INTO rooms (number, capacity, nightly_cents) VALUES ('202', 2.5, 9000);
INSERT INTO rooms (number, capacity, nightly_cents) VALUES ('203', 2, 99.5);
INSERT INTO rooms (number, capacity, nightly_cents) VALUES ('204', 2, 'a lot');
INSERT INTO rooms (number, capacity, nightly_cents) VALUES ('205', x'02', 9000);
INSERT INTO bookings (room_id, guest_email, check_in, check_out, guests) VALUES (1, 'a@example.com', '2026-07-01', '2026-07-02', 'one');
INSERT INTO bookings (room_id, guest_email, check_in, check_out, guests) VALUES (1, 'a@example.com', '2026-07-01', '2026-07-02', 1.5);
INSERT INTO bookings (room_id, guest_email, check_in, check_out, guests) VALUES (1, 'a@example.com', '2026-07-01', '2026-07-02', 1);
