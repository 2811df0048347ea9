import { SettingsPage } from "@/components/workspace/settings-page";

export default function Page() {
  return <SettingsPage />;
}
