/** Today's date in Vietnam (UTC+7, no daylight saving) as `yyyy-MM-dd`. */
export const todayInVietnam = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** A due date (`yyyy-MM-dd` or `yyyy/MM/dd`) that has passed and whose work is not done (06). */
export function isOverdue(dueDate: string | null | undefined, statusCode?: string | null): boolean {
  if (!dueDate || statusCode === '06') return false;
  return dueDate.replaceAll('/', '-') < todayInVietnam();
}
