/** A failure, announced to screen readers as it appears; nothing when there is none. */
export function ErrorAlert({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="notice notice-error">
      {error}
    </p>
  );
}
