import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { listenOn } from '../../core/listen.ts';

/** An app listening on a free port of 127.0.0.1, for tests that speak real HTTP to it. */
export interface RunningApp {
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** An Express app that parses JSON bodies the way the actors do; the test mounts its routers on it. */
export function jsonApp(): Express {
  const app = express();
  app.use(express.json({ type: ['application/json', 'application/*+json'], strict: false }));
  return app;
}

export async function startApp(app: Express): Promise<RunningApp> {
  const server = await listenOn(app, 0);
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A response with its body read: parsed JSON when there is one, else undefined. */
export interface JsonResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

/** Sends a request; an object body is sent as JSON, a string body as is (to send malformed JSON). */
export async function call(baseUrl: string, method: string, path: string, options: { key?: string; body?: unknown } = {}): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const res = await fetch(baseUrl + path, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}
