import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import type { InputErrors, InputIssue } from "@/server/zod-errors";
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
      reasons: {},
    });
    expect(fieldErrors(err)).toEqual({ name: "Too short", "settings.epochs": "Must be at most 500" });
  });

  it("shows each field's reason as a translated sentence instead of the validator's English", () => {
    const err = withInputErrors({
      formErrors: [],
      fieldErrors: { name: ["Too big: expected string to have <=80 characters"], "settings.epochs": ["Too small"] },
      reasons: { name: { reason: "tooLong", details: { max: 80 } }, "settings.epochs": { reason: "tooSmall", details: { min: 1 } } },
    });
    const zh = (issue: InputIssue) => (issue.reason === "tooLong" ? `最多可输入 ${issue.details?.max} 个字符。` : "请输入更大的数。");
    expect(fieldErrors(err, zh)).toEqual({ name: "最多可输入 80 个字符。", "settings.epochs": "请输入更大的数。" });
  });

  it("is empty for errors that carry no field messages", () => {
    expect(fieldErrors(new Error("offline"))).toEqual({});
    expect(fieldErrors(null)).toEqual({});
    expect(fieldErrors(new TRPCClientError("Not found"))).toEqual({});
  });
});
