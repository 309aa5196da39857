import { HttpResponse } from 'msw';

/** Like the real parties, a mock refuses a call without a bearer credential (and records nothing). */
export const unauthorized = () => HttpResponse.json({ code: '401', reason: 'Unauthorized', message: 'bearer credential required' }, { status: 401 });

/** Whether a request carries a bearer credential. */
export const hasBearer = (request: Request) => /^Bearer\s+\S+$/i.test(request.headers.get('authorization') ?? '');
