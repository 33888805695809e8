/** A multipart form for POST /documents: the fields, then the file in the field "file". */
export function form(file: Buffer, filename: string, fields: Record<string, string> = {}) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([new Uint8Array(file)]), filename);
  return f;
}
