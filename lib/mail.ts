/**
 * Email, for password resets only, through the SMTP server in SMTP_URL (nodemailer). Without it the
 * app sends nothing and says so; an admin can print a reset link with `npm run user -- reset-link`.
 */
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "./env.ts";

let transporter: Transporter | null = null;

/**
 * Whether the server can send reset emails: an SMTP server, and SITE_URL for the links. Links are
 * never built from the request's Host header, which an attacker asking for a victim's reset could
 * set to their own site and receive the victim's token (password-reset poisoning).
 */
export const isMailConfigured = () => env.SMTP_URL !== undefined && env.SITE_URL !== undefined;

/** Sends a plain-text email; throws when SMTP is not configured or the server refuses it. */
export async function sendMail(message: { to: string; subject: string; text: string }): Promise<void> {
  if (!env.SMTP_URL) throw new Error("SMTP_URL is not set: this server cannot send email");
  // Short timeouts: a reset request should fail clearly, not hang, when the mail server is down.
  transporter ??= nodemailer.createTransport({
    url: env.SMTP_URL,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  await transporter.sendMail({ from: env.MAIL_FROM, ...message });
}
