import Link from "next/link";

const CLASS = "text-lg font-semibold tracking-tight";

/** The wordmark: a product name, so translators and translation tools leave it alone (translate="no"). */
export function Logo({ link = true }: { link?: boolean }) {
  const mark = (
    <>
      Venture<span className="text-brand-600 dark:text-brand-300">Lens</span>
    </>
  );
  return link ? (
    <Link href="/" className={CLASS} translate="no">
      {mark}
    </Link>
  ) : (
    <span className={CLASS} translate="no">
      {mark}
    </span>
  );
}
