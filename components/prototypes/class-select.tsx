import { Select } from "@/components/ui/field";

/**
 * A select of a prototype's classes: each option's value is the class id, or its name where the caller
 * matches by name (the review inbox's filter); `none` adds a first, empty option with that text.
 */
export function ClassSelect({
  classes,
  valueBy = "id",
  none,
  ...select
}: {
  classes: ReadonlyArray<{ id: string; name: string }>;
  valueBy?: "id" | "name";
  none?: string;
} & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Select {...select}>
      {none !== undefined && <option value="">{none}</option>}
      {classes.map((c) => (
        <option key={c.id} value={c[valueBy]}>
          {c.name}
        </option>
      ))}
    </Select>
  );
}
