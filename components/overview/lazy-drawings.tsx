"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { MonthCompletion } from "@/lib/overview/maintenance-months";
import type { ReleaseSeries } from "@/lib/overview/trend-series";

// The charts sit below the deployments list. Their library (recharts) is the heaviest script of
// the overview and drawing them is the most expensive render on it, so neither happens during
// page load: the code is fetched and the chart drawn when its card comes near the viewport. The
// card's title, its summary (the chart's accessible name) and the numbers table are server
// rendered and there from the start.

const placeholder = () => (
  <div className="h-full w-full animate-pulse rounded-md bg-slate-200/60 dark:bg-slate-800/60" />
);

const ReadinessDrawing = dynamic(
  () => import("@/components/overview/readiness-drawing").then((m) => m.ReadinessDrawing),
  { ssr: false, loading: placeholder },
);
const MaintenanceDrawing = dynamic(
  () => import("@/components/overview/maintenance-drawing").then((m) => m.MaintenanceDrawing),
  { ssr: false, loading: placeholder },
);

export function LazyReadinessDrawing({ series }: { series: ReleaseSeries[] }) {
  return (
    <WhenNearViewport>
      <ReadinessDrawing series={series} />
    </WhenNearViewport>
  );
}

export function LazyMaintenanceDrawing({ months }: { months: MonthCompletion[] }) {
  return (
    <WhenNearViewport>
      <MaintenanceDrawing months={months} />
    </WhenNearViewport>
  );
}

/** Renders its children once the box is within `margin` of the viewport (and from then on). */
function WhenNearViewport({ children, margin = "200px" }: { children: ReactNode; margin?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element || near) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        setNear(true);
        observer.disconnect();
      },
      { rootMargin: margin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near, margin]);
  return (
    <div ref={box} className="h-full w-full">
      {near ? children : placeholder()}
    </div>
  );
}
