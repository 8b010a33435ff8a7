import { z } from "zod";

export const roleSchema = z.enum(["learner", "instructor", "admin"]);
export type Role = z.infer<typeof roleSchema>;

/** Instructors and admins see learners' progress and manage API keys. */
export function canTeach(role: string): boolean {
  return role === "instructor" || role === "admin";
}
