import type { AnchorHTMLAttributes } from "react";

/** A link a person typed (evidence, a link in Markdown): it opens in a new tab and hands the
 * other site neither this page (opener, referrer) nor a ranking signal. */
export function ExternalLink({
  className = "break-all text-brand-600 underline dark:text-brand-50",
  ...props
}: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "target" | "rel"> & { href: string }) {
  return <a {...props} className={className} target="_blank" rel="noopener noreferrer nofollow" />;
}
