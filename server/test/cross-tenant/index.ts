import { assessmentCases } from "./assessment";
import { fieldLoopCases } from "./field-loop";
import { apiKeyCases } from "./api-keys";
import { ideasCases } from "./ideas";
import { opportunitiesCases } from "./opportunities";
import { prototypesCases } from "./prototypes";
import { ratersCases } from "./raters";
import { runsCases } from "./runs";
import { shellCases } from "./shell";
import type { CrossTenantDomain } from "./types";

/** Every domain's cross-tenant table. A domain that adds a router adds its file here. */
export const DOMAINS: CrossTenantDomain[] = [
  shellCases,
  assessmentCases,
  ratersCases,
  ideasCases,
  opportunitiesCases,
  prototypesCases,
  runsCases,
  apiKeyCases,
  fieldLoopCases,
];
