/**
 * Entities are stored with relative hrefs (`/tmf-api/...`) so that they hold whatever URL a caller used;
 * TMF clients expect an href they can follow, so every body leaves the actor with absolute hrefs under
 * the base URL the caller reached it by (through the wire: the wire's URL for that caller).
 */
export function absoluteHrefs<T>(value: T, base: string): T {
  if (Array.isArray(value)) return value.map((item) => absoluteHrefs(item, base)) as T;
  if (!value || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] = key === 'href' && typeof field === 'string' && field.startsWith('/') ? `${base}${field}` : absoluteHrefs(field, base);
  }
  return copy as T;
}

/** The headers a reverse proxy sets so the callee knows the URL its caller used. */
export const FORWARDED = { host: 'x-forwarded-host', proto: 'x-forwarded-proto', prefix: 'x-forwarded-prefix' } as const;

/**
 * The header by which the wire proves it is the wire: the callee's wire key (see `wireKey` in
 * tmf/auth.ts). Only a request carrying it may say, with the forwarded headers, which URL the caller used.
 */
export const WIRE_KEY_HEADER = 'x-cch-wire-key';

/**
 * The base URL a request came in by: the proxy's, when the request comes from the proxy (`fromWire`)
 * and says so, else this server's own. Any other caller's forwarded headers are ignored, so nobody can
 * make a party serve hrefs that lead elsewhere.
 */
export function requestBase(get: (header: string) => string | undefined, ownProtocol: string, fromWire: boolean): string {
  const forwarded = (header: string) => (fromWire ? get(header) : undefined);
  const host = forwarded(FORWARDED.host) ?? get('host') ?? 'localhost';
  const proto = forwarded(FORWARDED.proto) ?? ownProtocol;
  const prefix = (forwarded(FORWARDED.prefix) ?? '').replace(/\/$/, '');
  return `${proto}://${host}${prefix}`;
}
