"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";

export function AcceptInvitation({ token }: { token: string }) {
  const t = useTranslations("auth.invite");
  const trpc = useTRPC();
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: (r) => {
        router.push(`/w/${r.workspaceSlug}`);
        router.refresh();
      },
    }),
  );
  return (
    <div className="space-y-3">
      {accept.error && <Alert>{errorMessage(accept.error)}</Alert>}
      <Button className="w-full" loading={accept.isPending} onClick={() => accept.mutate({ token })}>
        {t("accept")}
      </Button>
    </div>
  );
}
