import * as z from "../zod-mini";

/** An instant as ISO 8601 with its offset ("2026-03-02T08:00:00+01:00" or "…Z"). */
export const isoInstantSchema = z.iso.datetime({ offset: true });
