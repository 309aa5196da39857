import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Recorder, type TraceRetention } from '../../harness/recorder.ts';

/** A wire in front of `csp`, served as the harness serves it (no Express on its path), on a free port. */
export interface RunningWire {
  readonly recorder: Recorder;
  readonly url: string;
  readonly server: Server;
}

export async function wireTo(csp: string, retention?: TraceRetention): Promise<RunningWire> {
  const recorder = new Recorder({ csp }, 10_000, retention);
  const server = createServer((req, res) => recorder.serve(req, res) || res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { recorder, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
