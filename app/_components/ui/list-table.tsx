import { Table, TBody, TH, THead, TR } from "./table";

/**
 * The table of an admin or account list: one header a column, then an empty one over the row
 * buttons. With `empty` given and no rows, that text stands in its place.
 */
export function ListTable({
  headers,
  rowCount,
  empty,
  children,
}: {
  headers: React.ReactNode[];
  rowCount: number;
  empty?: React.ReactNode;
  children: React.ReactNode;
}) {
  if (rowCount === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <Table>
      <THead>
        <TR>
          {headers.map((header, index) => (
            <TH key={index}>{header}</TH>
          ))}
          <TH />
        </TR>
      </THead>
      <TBody>{children}</TBody>
    </Table>
  );
}
