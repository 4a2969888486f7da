/**
 * The system's time as the browser sees it. The API's `Date` header carries the deployment's
 * clock (locally the virtual clock, which may run months ahead of the wall), so the app keeps the
 * difference and every default date ("now" in a form, "today") follows the system, not the device.
 */
let offsetMs = 0;

export function learnServerTime(dateHeader: string | null): void {
  if (!dateHeader) return;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return;
  // The header has whole seconds: ignore differences below that, so a fresh answer never moves time back.
  const offset = server - Date.now();
  if (Math.abs(offset - offsetMs) > 1500) offsetMs = offset;
}

export const systemNow = (): Date => new Date(Date.now() + offsetMs);
