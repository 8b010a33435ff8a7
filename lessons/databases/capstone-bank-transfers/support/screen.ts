/**
 * The bank's fraud screen, an outside service. Every call is a round trip over the network: your
 * handler waits for the answer, and other requests run meanwhile.
 * It approves every transfer of at most 1,000,000 cents (10,000.00) and refuses larger ones.
 */
export async function screen(transfer: { from: number; to: number; amountCents: number }): Promise<{ approved: boolean }> {
  // The round trip: a few turns of the event loop, during which other requests make progress.
  for (let i = 0; i < 3; i++) await Promise.resolve();
  return { approved: transfer.amountCents <= 1_000_000 };
}
