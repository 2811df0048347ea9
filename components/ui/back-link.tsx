import Link from "next/link";
import type { ReactNode } from "react";

/** "← Back to …" at the foot of a sub-page. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="mt-6">
      <Link href={href} className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-200">
        ← {children}
      </Link>
    </p>
  );
}
