// A button that opens the file picker: a styled <label> around a hidden <input type="file">, whose
// accessible name is the label. The input is emptied after each pick, so picking the same file again
// fires again.
export interface FileButtonProps {
  label: string;
  /** Called with the picked files; not called when the person picks nothing. */
  onFiles: (files: File[]) => void;
  accept?: string;
  multiple?: boolean;
  /** Pick a whole folder (webkitdirectory) instead of files. */
  folder?: boolean;
  /** The secondary button style. */
  secondary?: boolean;
  disabled?: boolean;
}

export function FileButton({ label, onFiles, accept, multiple, folder, secondary, disabled }: FileButtonProps) {
  return (
    <label class={secondary ? 'button secondary' : 'button'}>
      {label}
      <input
        type="file"
        {...(folder ? { webkitdirectory: '' } : {})}
        multiple={multiple}
        accept={accept}
        aria-label={label}
        class="visually-hidden"
        disabled={disabled}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </label>
  );
}
