// Session ids: one per play of an asset. The protocol allows 1-128 characters of [A-Za-z0-9._:-];
// a UUID fits, and so does the hex fallback for browsers without crypto.randomUUID (non-secure origins).
export function newSessionId() {
  const c = globalThis.crypto;
  if (c && c.randomUUID) return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && c.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = (Math.random() * 256) | 0;
  return Array.from(bytes, (b) => (b + 256).toString(16).slice(1)).join('');
}
