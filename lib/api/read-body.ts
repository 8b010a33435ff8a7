/**
 * Reading an API request body: JSON only, size-limited while the stream is read (a client cannot
 * make the server buffer more than the limit by lying about, or omitting, Content-Length).
 */
import "server-only";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import { fieldErrors } from "./errors.ts";

export type JsonBody = { value: unknown; raw: Uint8Array };

/** True for application/json and application/*+json, with any parameters (charset). */
export function isJsonContentType(header: string | null): boolean {
  if (!header) return false;
  const type = header.split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/** The request's JSON body, or an AppError: unsupported_media_type, payload_too_large, invalid_json. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonBody> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new AppError(
      "unsupported_media_type",
      "Send the request body as JSON with Content-Type: application/json.",
    );
  }
  const tooLarge = () =>
    new AppError("payload_too_large", `The request body is larger than ${maxBytes} bytes.`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // Stop reading at once: the rest of the stream is never buffered.
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const raw = Buffer.concat(chunks);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch {
    throw new AppError(
      "invalid_json",
      size === 0
        ? "The request body is empty; send a JSON object."
        : "The request body is not valid JSON (UTF-8).",
    );
  }
  return { value, raw };
}

/** Parses a value with a zod schema, or throws validation_failed with field errors. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = "The request"): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("validation_failed", `${what} does not match the schema; see errors.`, {
      errors: fieldErrors(parsed.error),
    });
  }
  return parsed.data;
}
