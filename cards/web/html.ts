/** Text for an HTML page: every character that could open markup or end an attribute, escaped. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** A whole page around an already escaped body: one column, readable on a phone, in the reader's language. */
export function htmlPage(language: string, title: string, body: string): string {
  return `<!doctype html>\n<html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(
    title,
  )}</title></head>\n<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto">\n${body}\n</body></html>\n`;
}
