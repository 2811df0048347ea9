import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/server/db";
import { createUser, uniqueEmail } from "@/server/test/factories";
import { hashToken } from "./invitations";
import { inviteMember } from "./invite-member";

async function invite(smtp: { url: string; from: string } | null) {
  const owner = await createUser({ name: "Owner" });
  const email = uniqueEmail("invitee");
  const result = await inviteMember(
    getDb(),
    {
      workspaceId: owner.workspace.id,
      actorId: owner.user.id,
      actorRole: "OWNER",
      email,
      role: "MEMBER",
      workspaceName: owner.workspace.name,
      inviterName: "Owner",
    },
    { baseUrl: "https://venturelens.example", smtp },
  );
  return { result, email };
}

describe("inviteMember", () => {
  it("returns a working link without SMTP and says nothing was mailed", async () => {
    const { result, email } = await invite(null);
    expect(result.emailed).toBe(false);
    expect(result.link).toMatch(/^https:\/\/venturelens\.example\/invite\//);
    const token = result.link.split("/invite/")[1]!;
    expect(await getDb().invitation.findUnique({ where: { tokenHash: hashToken(token) } })).toMatchObject({ email });
  });

  it("keeps the invitation and its link when the mail server refuses", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      // Port 1 on loopback: the connection is refused at once.
      const { result, email } = await invite({ url: "smtp://127.0.0.1:1", from: "noreply@venturelens.example" });
      expect(result.emailed).toBe(false);
      const token = result.link.split("/invite/")[1]!;
      expect(await getDb().invitation.findUnique({ where: { tokenHash: hashToken(token) } })).toMatchObject({ email });
    } finally {
      quiet.mockRestore();
    }
  });
});
