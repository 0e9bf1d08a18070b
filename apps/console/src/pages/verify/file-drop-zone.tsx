import { type DragEvent, useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context';

const isPdf = (file: File) =>
  file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf');

/**
 * A real file input (keyboard and screen readers reach it as such) inside an area that also
 * accepts dropped files.
 */
export function FileDropZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    onFiles([...event.dataTransfer.files].filter(isPdf));
  };
  return (
    <div
      className={`drop-zone${over ? ' drop-zone-over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label htmlFor={id}>
        <span className="drop-zone-label">{t.verify.dropLabel}</span>
        <span className="drop-zone-hint">{t.verify.dropHint}</span>
      </label>
      <input
        id={id}
        type="file"
        accept="application/pdf,.pdf"
        multiple
        onChange={(event) => {
          onFiles([...(event.target.files ?? [])]);
          event.target.value = '';
        }}
      />
    </div>
  );
}
