import Link from "next/link";
import { buttonStyles } from "@/components/ui/styles";

type Props = { page: number; pageCount: number; params: Record<string, string | undefined> };

/** Previous / next links that keep the other query parameters. */
export function Pagination({ page, pageCount, params }: Props) {
  if (pageCount <= 1) return null;
  const hrefFor = (target: number) => {
    const query = new URLSearchParams(
      Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])),
    );
    query.set("page", String(target));
    return `?${query}`;
  };
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link className={buttonStyles.secondary} href={hrefFor(page - 1)}>
          Previous
        </Link>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link className={buttonStyles.secondary} href={hrefFor(page + 1)}>
          Next
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
