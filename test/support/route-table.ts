import type { Express } from 'express';

/** One route an app serves: method and full path (with `:params`). */
export interface RouteEntry {
  readonly method: string;
  readonly path: string;
}

interface LayerLike {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

/** Walks an Express 5 app's router: every route with the paths of the routers it is mounted under. */
export function routeTable(app: Express): RouteEntry[] {
  const found: RouteEntry[] = [];
  const walk = (stack: readonly LayerLike[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all'))
          found.push({ method: method.toUpperCase(), path: join(prefix, layer.route.path) });
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? join(prefix, layer.rawPath) : prefix);
      }
    }
  };
  walk((app as unknown as { router: { stack: LayerLike[] } }).router.stack, '');
  const unique = new Map(found.map((r) => [`${r.method} ${r.path}`, r]));
  return [...unique.values()];
}

const join = (a: string, b: string) => `${a.replace(/\/$/, '')}/${b.replace(/^\//, '')}`.replace(/\/$/, '') || '/';
