-- The 2026-04-01 maintenance script. Write the statements in the order they must run.

-- 1. Raise the price of every active tea product by 8 %, and record each change in price_history.

-- 2. Add the new product: TEA-MATCHA-50, 'Matcha 50 g', tea, 2450 cents.

-- 3. Delete the carts abandoned before March, with their items.

-- 4. Take inactive products out of the remaining carts.

SELECT 'not done yet';
