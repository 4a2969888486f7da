import { SfnError } from "./errors";

/** The largest page any list action returns, and the size when maxResults is absent or 0 (AWS: 100). */
const MAX_PAGE = 1000;

/** One page of a list action; the token is the offset of the next page in the list as it is now. */
export function page<T>(
  items: T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  defaultSize = MAX_PAGE,
): { items: T[]; nextToken?: string } {
  const size = maxResults && maxResults > 0 ? Math.min(maxResults, MAX_PAGE) : defaultSize;
  const start = nextToken === undefined ? 0 : Number(nextToken);
  // AWS answers InvalidToken; ValidationException is the local answer.
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw new SfnError("ValidationException", "invalid nextToken");
  const end = start + size;
  return { items: items.slice(start, end), nextToken: end < items.length ? String(end) : undefined };
}
