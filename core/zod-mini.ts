/**
 * zod/mini, with the same English messages as the full zod ("Too small: expected number to be
 * >=1"), which the full zod sets up by itself and zod/mini leaves to its user. The schemas every
 * function loads (the deployment, the workflows' payloads, dates and weeks) are written with it:
 * the full zod would weigh more in each bundle than the function's own code (bench/RESULTS.md,
 * Bundles). The API's schemas stay with the full zod, which its OpenAPI document is built from;
 * the two mix, since both are built on zod's core.
 */
import * as z from "zod/mini";
import { en } from "zod/locales";

z.config(en());

export * from "zod/mini";
