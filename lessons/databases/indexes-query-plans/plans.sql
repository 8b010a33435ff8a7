-- A customer's orders, newest first (the account page).
SELECT id, status, total_cents FROM orders WHERE customer_id = 1 ORDER BY created_at DESC;

-- Open orders, oldest first (the warehouse queue).
SELECT id, customer_id FROM orders WHERE status = 'open' ORDER BY created_at LIMIT 20;

-- Sign-in: find the customer by email.
SELECT id, name FROM customers WHERE email = 'ada@example.com';
