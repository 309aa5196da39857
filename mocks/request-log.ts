import { recordOf, type RecordedRequest } from './recorded-request.ts';

/**
 * What one mocked peer was asked, oldest first: its handlers record each request they answer, the test
 * reads them back and empties the log between tests.
 */
export class RequestLog {
  readonly requests: RecordedRequest[] = [];

  /** Records a request (its body read from a clone) and returns the record. */
  async record(request: Request): Promise<RecordedRequest> {
    const record = await recordOf(request);
    this.requests.push(record);
    return record;
  }

  /** Requests on one path (the query string aside). */
  to(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** `METHOD path` of every request, to assert what was called in which order. */
  calls(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }

  reset(): void {
    this.requests.length = 0;
  }
}
