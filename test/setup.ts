import { afterEach, beforeEach, vi } from "vitest";

// The library never prints: any console output during a test fails it.
const methods = ["log", "info", "warn", "error", "debug"] as const;

beforeEach(() => {
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      throw new Error(`unexpected console.${method}: ${args.join(" ")}`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
});
