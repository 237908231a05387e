"use client";

import { buttonStyles } from "@/components/ui/styles";

/** The browser's print dialog, which also saves as PDF; the print stylesheet does the rest. */
export function PrintButton() {
  return (
    <button type="button" className={buttonStyles.primary} onClick={() => window.print()}>
      Print / save as PDF
    </button>
  );
}
