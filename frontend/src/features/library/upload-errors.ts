/** Problem codes that are about the chosen file: they show at the file field. */
export const FILE_ERROR_CODES: Partial<Record<string, 'file'>> = {
  'library.type_not_allowed': 'file',
  'library.zip_bomb': 'file',
  'library.empty_file': 'file',
  'library.too_large': 'file',
  'library.same_file': 'file',
  'library.upload_incomplete': 'file',
};

/** True for an upload the user cancelled. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
