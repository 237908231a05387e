import { describe, expect, it, vi } from "vitest";
import { NOT_SHOWN, runLifecycle, UNREACHABLE, type ActionFailure } from "@/components/ui/server-action";
import type { ActionResult } from "@/lib/actions/result";

const wanted = () => true;

function steps<T>(action: () => Promise<ActionResult<T>>) {
  const rollback = vi.fn<(failure: ActionFailure) => void>();
  return {
    rollback,
    lifecycle: {
      action,
      optimistic: vi.fn(() => rollback),
      onSuccess: vi.fn<(data: T) => void | Promise<void>>(),
      onFailure: vi.fn<(failure: ActionFailure) => void>(),
      onSettled: vi.fn(),
    },
  };
}

describe("runLifecycle", () => {
  it("turns a lost connection into an ordinary failure: rolled back, reported, settled", async () => {
    const { lifecycle, rollback } = steps(() => Promise.reject(new TypeError("Failed to fetch")));
    await expect(runLifecycle("input", lifecycle, wanted)).resolves.toEqual(UNREACHABLE);
    expect(lifecycle.optimistic).toHaveBeenCalledWith("input");
    expect(rollback).toHaveBeenCalledWith(UNREACHABLE);
    expect(lifecycle.onFailure).toHaveBeenCalledWith(UNREACHABLE, "input");
    expect(lifecycle.onSuccess).not.toHaveBeenCalled();
    expect(lifecycle.onSettled).toHaveBeenCalledWith(UNREACHABLE, "input");
  });

  it("treats an action that throws before it returns a promise the same way", async () => {
    const { lifecycle } = steps((): Promise<ActionResult<never>> => {
      throw new Error("serialisation failed");
    });
    await expect(runLifecycle(undefined, lifecycle, wanted)).resolves.toEqual(UNREACHABLE);
    expect(lifecycle.onFailure).toHaveBeenCalledWith(UNREACHABLE, undefined);
  });

  it("hands the server's refusal, with its details, to the rollback and the report", async () => {
    const refusal: ActionFailure = {
      ok: false,
      status: 409,
      error: "Someone else changed this item.",
      details: { current: { version: 3 } },
    };
    const { lifecycle, rollback } = steps(() => Promise.resolve(refusal));
    await expect(runLifecycle("input", lifecycle, wanted)).resolves.toBe(refusal);
    expect(rollback).toHaveBeenCalledWith(refusal);
    expect(lifecycle.onFailure).toHaveBeenCalledWith(refusal, "input");
  });

  it("keeps a success: no rollback, the follow-up awaited before it resolves", async () => {
    let followedUp = false;
    const { lifecycle, rollback } = steps(() => Promise.resolve({ ok: true as const, data: 7 }));
    lifecycle.onSuccess.mockImplementation(async () => {
      await Promise.resolve();
      followedUp = true;
    });
    await expect(runLifecycle("input", lifecycle, wanted)).resolves.toEqual({ ok: true, data: 7 });
    expect(followedUp).toBe(true);
    expect(rollback).not.toHaveBeenCalled();
    expect(lifecycle.onFailure).not.toHaveBeenCalled();
  });

  it("reports a follow-up that fails after a success, without undoing the saved change", async () => {
    const { lifecycle, rollback } = steps(() => Promise.resolve({ ok: true as const, data: 1 }));
    lifecycle.onSuccess.mockRejectedValue(new Error("sign-in unreachable"));
    await expect(runLifecycle("input", lifecycle, wanted)).resolves.toEqual(NOT_SHOWN);
    expect(rollback).not.toHaveBeenCalled();
    expect(lifecycle.onFailure).toHaveBeenCalledWith(NOT_SHOWN, "input");
  });

  it("keeps the refusal as the reason when the upkeep after it fails too", async () => {
    const refusal: ActionFailure = { ok: false, status: 403, error: "You may not do this." };
    const { lifecycle } = steps(() => Promise.resolve(refusal));
    lifecycle.onSettled.mockRejectedValue(new Error("refetch failed"));
    await expect(runLifecycle("input", lifecycle, wanted)).resolves.toBe(refusal);
    expect(lifecycle.onFailure).toHaveBeenCalledWith(refusal, "input");
  });

  it("still rolls back and settles an answer nobody waits for, but reports nothing", async () => {
    const { lifecycle, rollback } = steps(() => Promise.reject(new Error("offline")));
    await expect(runLifecycle("input", lifecycle, () => false)).resolves.toEqual(UNREACHABLE);
    expect(rollback).toHaveBeenCalledWith(UNREACHABLE);
    expect(lifecycle.onSettled).toHaveBeenCalled();
    expect(lifecycle.onFailure).not.toHaveBeenCalled();

    const succeeded = steps(() => Promise.resolve({ ok: true as const, data: 1 }));
    await runLifecycle("input", succeeded.lifecycle, () => false);
    expect(succeeded.lifecycle.onSuccess).not.toHaveBeenCalled();
  });
});
