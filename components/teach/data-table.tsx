import type { ReactNode } from "react";

/** A body cell of the instructor pages' tables. */
export const cell = "px-3 py-2";
/** A body row (`<tr>`). */
export const bodyRow = "border-b border-slate-100 dark:border-slate-800";
/** The cell that names its row (`<th scope="row">`). */
export const rowHeader = `${cell} text-left font-normal`;

/**
 * A table of the instructor pages: scrolls sideways on narrow screens, one header row of column
 * headers (`scope="col"`), an optional caption for screen readers; the rows are the children.
 */
export function DataTable({
  caption,
  columns,
  children,
}: {
  caption?: string;
  columns: string[];
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="border-b border-slate-200 dark:border-slate-700">
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col" className={`${cell} text-left font-medium`}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
