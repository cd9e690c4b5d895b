// The cookie names of a `Cookie` header (values may be redacted), sorted; none for `null`.
export const cookieNames = (header) =>
  header == null
    ? []
    : header.split(';').map((p) => p.trim()).filter(Boolean).map((p) => (p.includes('=') ? p.slice(0, p.indexOf('=')) : '')).sort();
