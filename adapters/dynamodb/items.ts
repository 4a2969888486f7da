/** Removes the table's key and index attributes, leaving the entity as the API shows it. */
export function fromItem<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, entity: _t, expiresAt: _e, ...entity } = item;
  return entity as T;
}
