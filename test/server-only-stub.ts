// Stand-in for the `server-only` package in tests, which run server modules directly.
export {};
