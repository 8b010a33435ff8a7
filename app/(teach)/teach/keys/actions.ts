"use server";

import { revalidatePath } from "next/cache";
import { apiKeyNameSchema, createApiKey, revokeApiKey } from "@/lib/api/keys";
import { checkTeacher } from "@/lib/teach/access";

export type CreateKeyState =
  | { ok: true; key: string; name: string }
  | { ok: false; error?: string; fieldError?: string; name?: string }
  | null;

const REFUSED = "Only instructors and admins can manage API keys.";

/** Creates a key for the signed-in instructor; the key is in the returned state, shown once. */
export async function createKeyAction(
  _previous: CreateKeyState,
  formData: FormData,
): Promise<CreateKeyState> {
  const access = await checkTeacher();
  if (!access.ok) return { ok: false, error: REFUSED };
  const raw = String(formData.get("name") ?? "");
  const name = apiKeyNameSchema.safeParse(raw);
  if (!name.success) return { ok: false, fieldError: name.error.issues[0]?.message, name: raw };
  const created = await createApiKey({
    userId: access.user.id,
    name: name.data,
    actor: { id: access.user.id, email: access.user.email },
  });
  revalidatePath("/teach/keys");
  return { ok: true, key: created.key, name: created.name };
}

/** Revokes a key the instructor owns (admins: any key). */
export async function revokeKeyAction(formData: FormData): Promise<{ ok: boolean; error?: string }> {
  const access = await checkTeacher();
  if (!access.ok) return { ok: false, error: REFUSED };
  const result = await revokeApiKey(access.user, String(formData.get("id") ?? ""));
  revalidatePath("/teach/keys");
  return result.ok ? { ok: true } : { ok: false, error: "No such key." };
}
