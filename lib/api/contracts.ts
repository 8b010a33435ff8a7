/**
 * The public contracts, as checked-in files: the grading API's OpenAPI document and the JSON Schema
 * of the sandbox's result (the `result` of every grade response, sandbox/README.md). A change to
 * either is a visible diff in review: `lib/api/contracts.test.ts` fails when the files differ from
 * what the code builds, and `npm run contracts:update` rewrites them.
 */
import { z } from "zod";
import { gradeResultSchema } from "../../sandbox/index.ts";
import { getOpenApiDocument } from "./openapi.ts";

export type ContractFile = { path: string; content: string };

/** The contract files, as the code builds them now (paths from the repository root). */
export function buildContracts(): ContractFile[] {
  const resultSchema = {
    $id: "https://serverside.invalid/schemas/grade-result.json",
    title: "GradeResult",
    description: "The sandbox's result of one grade (sandbox/types.ts, sandbox/schema.ts).",
    ...z.toJSONSchema(gradeResultSchema, { target: "draft-2020-12", unrepresentable: "any" }),
  };
  return [
    { path: "docs/contracts/openapi.json", content: `${JSON.stringify(getOpenApiDocument(), null, 2)}\n` },
    {
      path: "docs/contracts/grade-result.schema.json",
      content: `${JSON.stringify(resultSchema, null, 2)}\n`,
    },
  ];
}
