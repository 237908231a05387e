import { QueryClient } from "@tanstack/react-query";

/** One configuration for every TanStack Query client (browser and server prefetch). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, refetchOnWindowFocus: true, retry: 1 },
    },
  });
}
