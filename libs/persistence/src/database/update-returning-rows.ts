/** TypeORM returns `[rows, count]` for UPDATE … RETURNING on PostgreSQL; plain rows otherwise. */
export function unwrapRows<T>(result: T[] | [T[], number]): T[] {
  return Array.isArray(result[0]) ? result[0] : (result as T[]);
}
