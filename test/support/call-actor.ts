/** An answer of an actor called for real, its JSON body parsed (tests read it freely). */
export interface ActorAnswer {
  status: number;
  body: any;
}

/** Calls an actor under test at `baseUrl` for real, with `apiKey`, and reads the JSON answer. */
export async function callActor(baseUrl: string, method: string, path: string, apiKey: string, body?: unknown): Promise<ActorAnswer> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
