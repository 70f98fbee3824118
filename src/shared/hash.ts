// Content hashes (duplicate detection, QA-set and adapter identity).

/** Hex SHA-256 of bytes, of a string's UTF-8, or of several parts concatenated. */
export async function sha256Hex(input: Uint8Array | string | (Uint8Array | ArrayBuffer | string)[]): Promise<string> {
  const parts = Array.isArray(input) ? input : [input];
  const bytes = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : p instanceof Uint8Array ? p : new Uint8Array(p)));
  // One part is hashed in place; several are joined first (subtle.digest takes one buffer).
  let all = bytes[0] ?? new Uint8Array(0);
  if (bytes.length > 1) {
    all = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of bytes) (all.set(b, at), (at += b.length));
  }
  const digest = await crypto.subtle.digest('SHA-256', all as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
