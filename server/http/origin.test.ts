import { describe, expect, it } from "vitest";
import { isCrossOrigin } from "./origin";

const req = (method: string, headers: Record<string, string>) => new Request("http://app.test:3000/api/x", { method, headers });

describe("isCrossOrigin", () => {
  it("lets safe methods through whatever their origin", () => {
    expect(isCrossOrigin(req("GET", { origin: "http://evil.example", "sec-fetch-site": "cross-site" }))).toBe(false);
  });

  it("trusts Sec-Fetch-Site first: only same-origin and user-initiated (none) pass", () => {
    expect(isCrossOrigin(req("POST", { "sec-fetch-site": "same-origin", origin: "http://evil.example" }))).toBe(false);
    expect(isCrossOrigin(req("POST", { "sec-fetch-site": "none" }))).toBe(false);
    expect(isCrossOrigin(req("POST", { "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isCrossOrigin(req("POST", { "sec-fetch-site": "cross-site" }))).toBe(true);
  });

  it("without Sec-Fetch-Site compares Origin with the Host, port included", () => {
    expect(isCrossOrigin(req("POST", { origin: "http://app.test:3000", host: "app.test:3000" }))).toBe(false);
    expect(isCrossOrigin(req("POST", { origin: "http://app.test:3001", host: "app.test:3000" }))).toBe(true);
    expect(isCrossOrigin(req("DELETE", { origin: "http://evil.example", host: "app.test:3000" }))).toBe(true);
    expect(isCrossOrigin(req("POST", { origin: "null", host: "app.test:3000" }))).toBe(true);
  });

  it("accepts the configured public origin behind a proxy that rewrites Host", () => {
    const proxied = req("POST", { origin: "https://lens.example.com", host: "127.0.0.1:3000" });
    expect(isCrossOrigin(proxied)).toBe(true);
    expect(isCrossOrigin(proxied, ["https://lens.example.com"])).toBe(false);
  });

  it("lets a request with neither header through: it is not from a browser, so no cookie rode along by accident", () => {
    expect(isCrossOrigin(req("POST", {}))).toBe(false);
  });
});
