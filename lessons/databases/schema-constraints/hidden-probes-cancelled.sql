INSERT INTO rooms (number, capacity, nightly_cents) VALUES ('701', 2, 9000);
INSERT INTO bookings (room_id, guest_email, check_in, check_out, guests) VALUES (1, 'a@example.com', '2026-12-01', '2026-12-05', 2);
INSERT INTO bookings (room_id, guest_email, check_in, check_out, guests, status) VALUES (1, 'b@example.com', '2026-12-02', '2026-12-04', 1, 'cancelled');
UPDATE bookings SET status = 'cancelled' WHERE id = 1;
INSERT INTO bookings (room_id, guest_email, check_in, check_out, guests) VALUES (1, 'c@example.com', '2026-12-03', '2026-12-06', 1);
UPDATE bookings SET status = 'confirmed' WHERE id = 1;
UPDATE bookings SET status = 'confirmed' WHERE id = 2;
