import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import type { InputErrors } from "@/server/zod-errors";
import { fieldErrors } from "./errors";

const withInputErrors = (zodError: InputErrors) =>
  new TRPCClientError("Invalid input", {
    result: { error: { code: -32600, message: "Invalid input", data: { code: "BAD_REQUEST", httpStatus: 400, zodError } } },
  });

describe("fieldErrors", () => {
  it("gives each field, nested ones included, its first message", () => {
    const err = withInputErrors({
      formErrors: [],
      fieldErrors: { name: ["Too short", "Not allowed"], "settings.epochs": ["Must be at most 500"] },
    });
    expect(fieldErrors(err)).toEqual({ name: "Too short", "settings.epochs": "Must be at most 500" });
  });

  it("is empty for errors that carry no field messages", () => {
    expect(fieldErrors(new Error("offline"))).toEqual({});
    expect(fieldErrors(null)).toEqual({});
    expect(fieldErrors(new TRPCClientError("Not found"))).toEqual({});
  });
});
