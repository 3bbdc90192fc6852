/**
 * The one helper for printing URLs: every message and `origin` string that can hold a repository or registry
 * URL goes through it, so credentials never reach a terminal, a CI log or a synth report. Regular expressions
 * rather than the URL class: it must also handle text that does not parse as a URL (a rejected source) and URLs
 * inside other programs' messages.
 */

/** Query parameters whose values are secrets (signed URLs, tokens in query strings). */
const SECRET_PARAM = /token|sig|signature|secret|password|passwd|credential|auth|key|session/i;

/** A URL with its user/password replaced by `***` and secret-looking query values by `***`. */
export function redactUrl(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#\s]*@)/i, '$1***@')
    .replace(/([?&])([^=&#\s]*)=([^&#\s]*)/g, (all, sep: string, name: string) => (SECRET_PARAM.test(name) ? `${sep}${name}=***` : all));
}

/** `text` with every URL in it redacted (for messages of other programs, which may echo a URL). */
export function redactUrls(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]+/gi, (url) => redactUrl(url));
}
