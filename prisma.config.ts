import { defineConfig } from "prisma/config";

// Used by `prisma generate` only. Migrations run through scripts/db.ts (see ARCHITECTURE.md).
export default defineConfig({
  schema: "prisma/schema.prisma",
});
