import { SettingsPage } from "@/components/workspace/settings-page";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("settings");

export default function Page() {
  return <SettingsPage />;
}
